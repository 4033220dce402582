"""Celery tasks: thin, idempotent wrappers that pass ids and re-fetch."""

from __future__ import annotations

import logging
from typing import Any

from celery import Task, shared_task
from django.db import IntegrityError, InterfaceError, OperationalError

from c2m.celery import MAX_COUNTDOWN_SECONDS
from c2m.scheduling import task_enqueue
from production.models import DeliveryStatus, ProductionExceptionKind, WebhookDelivery
from production.services.capacity_calendar import capacity_materialize_all
from production.services.carriers import parcels_track
from production.services.claims import claims_record
from production.services.exceptions import production_exception_record
from production.services.factory_quality import factory_quality_refresh_all
from production.services.idempotency import idempotency_records_purge
from production.services.offers import offers_expire, work_orders_flag_late
from production.services.planning import orders_plan
from production.services.plant_applications import plant_application_emails_send
from production.services.production_files import work_order_files_generate
from production.services.routing import work_orders_route
from production.services.webhooks import backoff, webhook_deliver, webhook_deliveries_due
from production.task_names import (
    DELIVER_WEBHOOK,
    GENERATE_PRODUCTION_FILES,
    PLAN_ORDERS,
    RECORD_CLAIMS,
    ROUTE_WORK_ORDERS,
    SEND_APPLICATION_EMAILS,
)

logger = logging.getLogger(__name__)

# Worth trying again: the database or the network hiccuped, or a concurrent planner of the
# same order won the unique constraint (the retry then finds its work orders and skips).
TRANSIENT = (OperationalError, InterfaceError, ConnectionError, IntegrityError)


class PlanningTask(Task):
    """Puts a batch that kept failing after every retry on the exception list.

    The outbox still holds its unprocessed messages, so the relay sends them again; the
    exception makes the repeated failure visible instead of a line in a log.
    """

    def on_failure(self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo) -> None:
        message_ids = list(args[0]) if args else list(kwargs.get("message_ids", []))
        try:
            production_exception_record(
                kind=ProductionExceptionKind.PLANNING,
                reference=f"messages {min(message_ids, default=0)}+{len(message_ids)}",
                code="retries_exhausted",
                error=repr(exc),
                data={"message_ids": message_ids[:1000], "task_id": task_id},
            )
        except Exception:  # the database itself may be what is failing
            logger.exception("could not record the failure of planning task %s", task_id)


@shared_task(
    base=PlanningTask,
    name=PLAN_ORDERS,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
)
def plan_orders(message_ids: list[int]) -> int:
    created = orders_plan(message_ids=message_ids)
    if created:
        task_enqueue(ROUTE_WORK_ORDERS, args=[created])
    return len(created)


# No ``PlanningTask`` base: a planning exception's retry plans ``order.paid`` messages and
# would acknowledge claim messages unapplied. A claim batch that keeps failing stays open
# in the outbox and is sent again by the relay (and logged each time).
@shared_task(
    name=RECORD_CLAIMS,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_backoff_max=300,
    retry_jitter=True,
    max_retries=8,
)
def record_claims(message_ids: list[int]) -> int:
    """Claims filed and decided on the orders side: production's record, the plant's
    webhook and, for an approved reprint, its work order (routed after commit)."""
    return len(claims_record(message_ids=message_ids))


@shared_task(
    name=ROUTE_WORK_ORDERS,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=8,
)
def route_work_orders(work_order_ids: list[int]) -> dict[str, int]:
    """Route these work orders together with everything else still pending."""
    return work_orders_route(work_order_ids=work_order_ids, include_pending=True)


@shared_task(name=DELIVER_WEBHOOK, autoretry_for=TRANSIENT, max_retries=3)
def deliver_webhook(delivery_id: int) -> str:
    status = webhook_deliver(delivery_id=delivery_id)
    if status == DeliveryStatus.PENDING:
        # Retry within the countdown limit; the beat sweep picks up anything lost.
        attempts = WebhookDelivery.objects.filter(pk=delivery_id).values_list("attempts", flat=True)
        delay = backoff(next(iter(attempts), 1)).total_seconds()
        task_enqueue(
            DELIVER_WEBHOOK, args=[delivery_id], countdown=min(delay, MAX_COUNTDOWN_SECONDS)
        )
    return status


@shared_task(name="production.sweep_webhooks")
def sweep_webhooks() -> int:
    due = webhook_deliveries_due()
    for delivery_id in due:
        task_enqueue(DELIVER_WEBHOOK, args=[delivery_id])
    return len(due)


@shared_task(name="production.purge_idempotency_keys")
def purge_idempotency_keys() -> int:
    return idempotency_records_purge()


@shared_task(name="production.route_pending", autoretry_for=TRANSIENT, max_retries=3)
def route_pending() -> dict[str, int]:
    """Periodic sweep: work left pending or unroutable by earlier runs gets another try."""
    return work_orders_route(include_pending=True)


@shared_task(name="production.expire_offers", autoretry_for=TRANSIENT, max_retries=3)
def expire_offers() -> int:
    expired = offers_expire()
    if expired:
        task_enqueue(ROUTE_WORK_ORDERS, args=[expired])
    return len(expired)


@shared_task(name="production.flag_late_work", autoretry_for=TRANSIENT, max_retries=3)
def flag_late_work() -> int:
    return len(work_orders_flag_late())


@shared_task(name="production.materialize_capacity", autoretry_for=TRANSIENT, max_retries=3)
def materialize_capacity() -> int:
    return capacity_materialize_all()


@shared_task(name="production.refresh_factory_quality", autoretry_for=TRANSIENT, max_retries=3)
def refresh_factory_quality() -> int:
    return factory_quality_refresh_all()


@shared_task(
    name=GENERATE_PRODUCTION_FILES,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def generate_production_files(work_order_ids: list[int]) -> int:
    """Print files, text files and job tickets of these work orders; idempotent."""
    return sum(
        len(work_order_files_generate(work_order_id=work_order_id))
        for work_order_id in work_order_ids
    )


@shared_task(name="production.track_parcels", autoretry_for=TRANSIENT, max_retries=3)
def track_parcels() -> dict[str, int]:
    """Ask the carriers' tracking about parcels on their way (beat, every minute)."""
    return parcels_track()


@shared_task(name=SEND_APPLICATION_EMAILS)
def send_application_emails(email_ids: list[int] | None = None) -> int:
    """Send these decision emails (beat: every pending one that is due; idempotent)."""
    return plant_application_emails_send(email_ids=email_ids)
