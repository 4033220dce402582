"""Merchant Celery tasks: thin wrappers over idempotent services."""

from __future__ import annotations

from celery import shared_task
from django.db import IntegrityError, InterfaceError, OperationalError

from c2m.celery import MAX_COUNTDOWN_SECONDS
from c2m.scheduling import task_enqueue
from merchants.models import ArtworkFetch, DeliveryStatus, WebhookDelivery
from merchants.services.applications import business_application_emails_send
from merchants.services.artwork_fetches import artwork_fetch_run
from merchants.services.claim_updates import merchant_claims_follow
from merchants.services.exchange_webhooks import booking_decisions_tell
from merchants.services.idempotency import idempotency_records_purge
from merchants.services.progress import merchant_orders_follow_production
from merchants.services.webhooks import backoff, webhook_deliver, webhook_deliveries_due
from merchants.task_names import (
    DELIVER_WEBHOOK,
    FETCH_ARTWORK,
    FOLLOW_CLAIMS,
    FOLLOW_PRODUCTION,
    PURGE_IDEMPOTENCY_KEYS,
    RECORD_BOOKING_DECISIONS,
    SEND_APPLICATION_EMAILS,
    SWEEP_WEBHOOKS,
)

TRANSIENT = (OperationalError, InterfaceError, ConnectionError, IntegrityError)


@shared_task(name=DELIVER_WEBHOOK, autoretry_for=TRANSIENT, max_retries=3)
def deliver_webhook(delivery_id: int) -> str:
    status = webhook_deliver(delivery_id=delivery_id)
    if status == DeliveryStatus.PENDING:
        attempts = WebhookDelivery.objects.filter(pk=delivery_id).values_list("attempts", flat=True)
        delay = backoff(next(iter(attempts), 1)).total_seconds()
        task_enqueue(
            DELIVER_WEBHOOK, args=[delivery_id], countdown=min(delay, MAX_COUNTDOWN_SECONDS)
        )
    return status


@shared_task(name=SWEEP_WEBHOOKS)
def sweep_webhooks() -> int:
    due = webhook_deliveries_due()
    for delivery_id in due:
        task_enqueue(DELIVER_WEBHOOK, args=[delivery_id])
    return len(due)


@shared_task(name=FOLLOW_PRODUCTION, autoretry_for=TRANSIENT, max_retries=3)
def follow_production() -> int:
    return merchant_orders_follow_production()


@shared_task(name=FOLLOW_CLAIMS, autoretry_for=TRANSIENT, max_retries=3)
def follow_claims() -> int:
    return merchant_claims_follow()


@shared_task(
    name=RECORD_BOOKING_DECISIONS,
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_jitter=True,
    max_retries=8,
)
def record_booking_decisions(message_ids: list[int]) -> int:
    """Plants' answers to capacity bookings (``booking.decided`` outbox messages): the
    business's webhook, once per booking."""
    return booking_decisions_tell(message_ids=message_ids)


@shared_task(name=PURGE_IDEMPOTENCY_KEYS)
def purge_idempotency_keys() -> int:
    return idempotency_records_purge()


@shared_task(name=FETCH_ARTWORK, autoretry_for=TRANSIENT, max_retries=3)
def fetch_artwork(fetch_id: int) -> str:
    """Fetch a merchant's artwork URL; a transient refusal is tried again with backoff."""
    status = artwork_fetch_run(fetch_id=fetch_id)
    if status == "pending":
        attempts = ArtworkFetch.objects.filter(pk=fetch_id).values_list("attempts", flat=True)
        delay = backoff(next(iter(attempts), 1)).total_seconds()
        task_enqueue(FETCH_ARTWORK, args=[fetch_id], countdown=min(delay, MAX_COUNTDOWN_SECONDS))
    return status


@shared_task(name=SEND_APPLICATION_EMAILS)
def send_application_emails(email_ids: list[int] | None = None) -> int:
    """Send these decision emails (beat: every pending one that is due; idempotent)."""
    return business_application_emails_send(email_ids=email_ids)
