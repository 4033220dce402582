"""Production's Celery tasks by name: what services and tasks enqueue through
``c2m.scheduling.task_enqueue`` (and beat schedules in ``c2m.celery``), so that no service
imports ``production.tasks``. Every name here is a task registered by ``production.tasks``."""

PLAN_ORDERS = "production.plan_orders"
ROUTE_WORK_ORDERS = "production.route_work_orders"
DELIVER_WEBHOOK = "production.deliver_webhook"
GENERATE_PRODUCTION_FILES = "production.generate_production_files"
RECORD_CLAIMS = "production.record_claims"
SEND_APPLICATION_EMAILS = "production.send_application_emails"
