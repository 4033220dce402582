"""The Celery app, and every periodic schedule of the platform, declared in one place."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.base")

app = Celery("c2m")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Redis re-delivers anything unacknowledged after the visibility timeout (1 h), countdowns
# included: a longer delay must be scheduled by beat from the database, never by countdown.
MAX_COUNTDOWN_SECONDS = 600

app.conf.beat_schedule = {
    "relay-outbox": {"task": "orders.relay_outbox", "schedule": 5.0},
    "sweep-webhooks": {"task": "production.sweep_webhooks", "schedule": 30.0},
    "purge-idempotency-keys": {"task": "production.purge_idempotency_keys", "schedule": 3600.0},
}
