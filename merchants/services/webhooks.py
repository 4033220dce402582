"""Signed webhooks to merchants, in the Standard Webhooks format, retried with backoff.

An event is written once per order and type (a unique constraint), in the transaction
of the status change that causes it; its delivery row is sent after commit by a Celery
task and swept by beat if the message is lost. The HTTP call runs outside transactions.
"""

from __future__ import annotations

import json
import secrets
import time
from datetime import timedelta
from typing import Any

import httpx
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from c2m.db import check_transition, claim_batch, lock_one
from c2m.errors import ApplicationError
from c2m.scheduling import task_enqueue
from merchants.models import (
    DELIVERY_TRANSITIONS,
    BusinessAccount,
    DeliveryStatus,
    MerchantOrder,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from merchants.selectors.parcels import merchant_order_parcels
from merchants.services.public_urls import public_url_check
from merchants.services.webhook_signing import standard_webhook_sign, webhook_secret_new
from merchants.task_names import DELIVER_WEBHOOK

MAX_ATTEMPTS = 8
LEASE = timedelta(seconds=60)


def backoff(attempts: int) -> timedelta:
    """10 s, 20 s, 40 s … capped at 10 minutes."""
    return timedelta(seconds=min(10 * 2 ** max(attempts - 1, 0), 600))


def webhook_endpoint_set(*, account: BusinessAccount, url: str) -> WebhookEndpoint:
    """Point the account's webhooks at ``url`` with a fresh ``whsec_`` secret.
    Raises ``ApplicationError`` (``invalid_url``) for a non-https or private host."""
    public_url_check(url, resolve=False)
    endpoint, _ = WebhookEndpoint.objects.update_or_create(
        account=account, defaults={"url": url, "secret": webhook_secret_new()}
    )
    return endpoint


def webhook_event_emit(
    *,
    order: MerchantOrder,
    type: str,
    data: dict[str, Any] | None = None,
    claim_event_id: int | None = None,
) -> WebhookEvent | None:
    """Record the event (once per order and type, or once per claim timeline entry
    ``claim_event_id``) and queue its delivery to the account's endpoint, in the
    caller's transaction. None when it was emitted before."""
    payload = {
        "type": type,
        "timestamp": timezone.now().isoformat(),
        "data": {
            "order_id": order.public_id,
            "reference": order.reference,
            "status": order.status,
            "sandbox": order.sandbox,
            "parcels": merchant_order_parcels(order),
            **(data or {}),
        },
    }
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.create(
                event_id="msg_" + secrets.token_hex(12),
                account_id=order.account_id,
                order=order,
                type=type,
                claim_event_id=claim_event_id,
                payload=payload,
            )
    except IntegrityError:
        return None
    _queue(event)
    return event


def webhook_booking_event_emit(
    *, account_id: int, booking_number: str, type: str, data: dict[str, Any]
) -> WebhookEvent | None:
    """Record a capacity booking's event (once per booking and type: ``booking.confirmed``,
    ``booking.declined``) and queue its delivery to the account's endpoint, in the
    caller's transaction. None when it was emitted before."""
    payload = {"type": type, "timestamp": timezone.now().isoformat(), "data": data}
    try:
        with transaction.atomic():
            event = WebhookEvent.objects.create(
                event_id="msg_" + secrets.token_hex(12),
                account_id=account_id,
                booking_number=booking_number,
                type=type,
                payload=payload,
            )
    except IntegrityError:
        return None
    _queue(event)
    return event


def _queue(event: WebhookEvent) -> None:
    endpoint = WebhookEndpoint.objects.filter(account_id=event.account_id).first()
    if endpoint is not None:
        delivery = WebhookDelivery.objects.create(
            event=event, endpoint=endpoint, next_attempt_at=timezone.now()
        )
        task_enqueue(DELIVER_WEBHOOK, args=[delivery.pk])


def webhook_deliver(*, delivery_id: int) -> str:
    """Try one delivery if it is due; return its status afterwards (idempotent: a
    delivered or leased delivery is left alone)."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("event", "endpoint")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None:  # delivered, given up, or another worker holds it
            status = WebhookDelivery.objects.filter(pk=delivery_id).values_list("status", flat=True)
            return next(iter(status), "skipped")
        if delivery.next_attempt_at > timezone.now():
            return delivery.status
        delivery.attempts += 1
        delivery.next_attempt_at = timezone.now() + LEASE
        delivery.save(update_fields=["attempts", "next_attempt_at"])
    error = _send(delivery)
    now = timezone.now()
    if error is None:
        to, changes = DeliveryStatus.DELIVERED, {"delivered_at": now, "last_error": ""}
    else:
        to = DeliveryStatus.FAILED if delivery.attempts >= MAX_ATTEMPTS else DeliveryStatus.PENDING
        changes = {"last_error": error[:300], "next_attempt_at": now + backoff(delivery.attempts)}
    return webhook_delivery_move(delivery_id=delivery.pk, to=to, changes=changes).status


def webhook_delivery_move(
    *, delivery_id: int, to: str, changes: dict[str, Any] | None = None
) -> WebhookDelivery:
    """The only writer of a delivery's status. Raises ``Conflict``."""
    with transaction.atomic():
        delivery = lock_one(WebhookDelivery.objects, pk=delivery_id)
        check_transition(DELIVERY_TRANSITIONS, delivery.status, to, what="webhook delivery")
        delivery.status = to
        for field, value in (changes or {}).items():
            setattr(delivery, field, value)
        delivery.save(update_fields=["status", *(changes or {})])
    return delivery


def webhook_deliveries_due(*, limit: int = 100) -> list[int]:
    with transaction.atomic():
        due = WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        return [d.pk for d in claim_batch(due, limit)]


def webhook_request(delivery: WebhookDelivery, *, timestamp: int) -> tuple[bytes, dict[str, str]]:
    """The body and headers a delivery is POSTed with."""
    event = delivery.event
    body = json.dumps(event.payload, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    return body, {
        "content-type": "application/json",
        "webhook-id": event.event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": standard_webhook_sign(
            secret=delivery.endpoint.secret, msg_id=event.event_id, timestamp=timestamp, body=body
        ),
    }


def _send(delivery: WebhookDelivery) -> str | None:
    url = delivery.endpoint.url
    try:
        public_url_check(url, resolve=True)
    except ApplicationError as error:
        return error.detail
    body, headers = webhook_request(delivery, timestamp=int(time.time()))
    try:
        response = httpx.post(url, content=body, headers=headers, timeout=5, follow_redirects=False)
    except httpx.HTTPError as error:
        return f"{type(error).__name__}: {error}"
    return None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"
