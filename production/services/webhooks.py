"""Push webhooks: signed POSTs of a factory's feed entries, retried with backoff.

Signature (in the style of Standard Webhooks): the request carries ``Webhook-Id`` (the
event id, deduplicate by it), ``Webhook-Timestamp`` (Unix seconds) and
``Webhook-Signature: v1=<hex>``, where ``<hex>`` is HMAC-SHA256 with the webhook's secret
over ``"{id}.{timestamp}.{raw body}"``. Receivers compare in constant time and refuse
timestamps more than five minutes away from their clock.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
import socket
import time
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from c2m.db import check_transition, claim_batch, lock_one
from c2m.errors import ApplicationError
from c2m.scheduling import task_enqueue
from c2m.webhooks import webhook_sign, webhook_signature_problem
from production.models import (
    DELIVERY_TRANSITIONS,
    CapacityBooking,
    DeliveryStatus,
    FactoryFeedEntry,
    FactoryWebhook,
    PlantClaim,
    WebhookDelivery,
)
from production.task_names import DELIVER_WEBHOOK

MAX_ATTEMPTS = 8
# A claimed delivery is not handed to another worker for this long.
LEASE = timedelta(seconds=60)


webhook_signature = webhook_sign


def webhook_verify(
    *, secret: str, headers: dict[str, str], body: bytes, now: float | None = None
) -> bool:
    """True when the signature is ours and the timestamp within the replay window."""
    problem = webhook_signature_problem(
        secret=secret,
        event_id=headers.get("Webhook-Id", ""),
        timestamp=headers.get("Webhook-Timestamp", ""),
        signature=headers.get("Webhook-Signature", ""),
        body=body,
        now=now,
    )
    return problem is None


def backoff(attempts: int) -> timedelta:
    """10 s, 20 s, 40 s … capped at 10 minutes."""
    return timedelta(seconds=min(10 * 2 ** max(attempts - 1, 0), 600))


def _check_url(url: str, *, resolve: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ApplicationError("Give an http(s) URL.", code="invalid_webhook_url")
    if getattr(settings, "FACTORY_WEBHOOK_ALLOW_PRIVATE_HOSTS", False):
        return
    host = parts.hostname
    addresses = [host]
    if resolve:
        try:
            addresses = [str(a[4][0]) for a in socket.getaddrinfo(host, parts.port or 443)]
        except OSError:
            raise ApplicationError("The webhook host does not resolve.") from None
    for address in addresses:
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            if address.lower() == "localhost" or address.lower().endswith(".localhost"):
                raise ApplicationError(
                    "Webhooks must point to a public host.", code="invalid_webhook_url"
                ) from None
            continue
        if not ip.is_global:
            raise ApplicationError(
                "Webhooks must point to a public host.", code="invalid_webhook_url"
            )


def webhook_register(*, factory_id: int, url: str) -> FactoryWebhook:
    """Point the factory's pushes at ``url`` with a fresh secret (returned on the object).

    Raises ``ApplicationError`` (400) for a non-http(s) URL or a private/loopback host.
    """
    _check_url(url, resolve=False)
    webhook, _ = FactoryWebhook.objects.update_or_create(
        factory_id=factory_id,
        defaults={"url": url, "secret": secrets.token_hex(32), "active": True},
    )
    return webhook


def webhook_remove(*, factory_id: int) -> bool:
    deleted, _ = FactoryWebhook.objects.filter(factory_id=factory_id).delete()
    return bool(deleted)


def webhook_enqueue(*, entry: FactoryFeedEntry) -> WebhookDelivery | None:
    """Queue a push of this feed entry, in the caller's transaction; sent after commit."""
    webhook = FactoryWebhook.objects.filter(factory_id=entry.factory_id, active=True).first()
    if webhook is None:
        return None

    delivery = WebhookDelivery.objects.create(
        webhook=webhook,
        event_id=uuid.uuid4(),
        next_attempt_at=timezone.now(),
        payload={
            "type": f"work_order.{entry.event}",
            "seq": entry.seq,
            "work_order_id": entry.work_order_id,
            "status": entry.status,
            "version": entry.version,
            "created_at": entry.created_at.isoformat(),
        },
    )
    task_enqueue(DELIVER_WEBHOOK, args=[delivery.pk])
    return delivery


def webhook_claim_enqueue(*, claim: PlantClaim, event: str) -> WebhookDelivery | None:
    """Queue a push telling the plant about a claim against its work (``claim.filed``,
    ``claim.decided``), in the caller's transaction; sent after commit. None without an
    active webhook (the plant reads ``GET /claims/`` instead)."""
    webhook = FactoryWebhook.objects.filter(factory_id=claim.factory_id, active=True).first()
    if webhook is None:
        return None
    delivery = WebhookDelivery.objects.create(
        webhook=webhook,
        event_id=uuid.uuid4(),
        next_attempt_at=timezone.now(),
        payload={
            "type": event,
            "claim": claim.claim_number,
            "work_order_id": claim.work_order_id,
            "reason": claim.reason,
            "quantity": claim.quantity,
            "decision": claim.decision,
            "created_at": timezone.now().isoformat(),
        },
    )
    task_enqueue(DELIVER_WEBHOOK, args=[delivery.pk])
    return delivery


BOOKING_CREATED = "capacity_booking.created"
BOOKING_CANCELLED = "capacity_booking.cancelled"
# Event ids of bookings' pushes are derived from the booking and the event, so the unique
# event id makes each push once per booking, whatever runs twice.
_BOOKING_EVENTS = uuid.UUID("5f0c3c0e-8d0b-4c52-9a51-6b1f0e2a7c11")


def webhook_booking_enqueue(*, booking: CapacityBooking, event: str) -> WebhookDelivery | None:
    """Queue a push telling the plant a business booked (``capacity_booking.created``) or
    cancelled (``capacity_booking.cancelled``) minutes of its offer, in the caller's
    transaction; sent after commit. Once per booking and event: None when already queued,
    or without an active webhook (the plant reads ``GET /exchange/bookings/`` instead)."""
    webhook = FactoryWebhook.objects.filter(factory_id=booking.factory_id, active=True).first()
    if webhook is None:
        return None
    event_id = uuid.uuid5(_BOOKING_EVENTS, f"{booking.number}:{event}")
    payload = {
        "type": event,
        "booking": booking.number,
        "offer_id": booking.offer_id,
        "business": booking.buyer_name,
        "centre_type": booking.centre_type,
        "first_day": booking.day.isoformat(),
        "last_day": booking.last_day.isoformat(),
        "days": booking.days,
        "minutes_per_day": booking.minutes,
        "cost": str(booking.cost),
        "earnings": str(booking.plant_earnings),
        "currency": booking.currency,
        "status": booking.status,
        "created_at": timezone.now().isoformat(),
    }
    try:
        with transaction.atomic():
            delivery = WebhookDelivery.objects.create(
                webhook=webhook, event_id=event_id, next_attempt_at=timezone.now(), payload=payload
            )
    except IntegrityError:  # queued before: the unique event id says once
        return None
    task_enqueue(DELIVER_WEBHOOK, args=[delivery.pk])
    return delivery


def webhook_deliver(*, delivery_id: int) -> str:
    """Try one delivery if it is due; return its status afterwards.

    The row is claimed by pushing ``next_attempt_at`` a lease ahead, so the HTTP call
    happens outside any transaction and two workers never send the same attempt.
    """
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("webhook")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None or delivery.next_attempt_at > timezone.now():
            return delivery.status if delivery else "skipped"
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
    return webhook_delivery_transition(delivery_id=delivery.pk, to=to, changes=changes).status


def webhook_delivery_transition(
    *, delivery_id: int, to: str, changes: dict[str, Any] | None = None
) -> WebhookDelivery:
    """Lock the delivery, move it to ``to`` as ``DELIVERY_TRANSITIONS`` allows, set
    ``changes`` with it and save just those fields; the only writer of its status.

    Raises ``Conflict`` (code ``invalid_transition``) for a move the table does not list.
    """
    with transaction.atomic():
        delivery = lock_one(WebhookDelivery.objects, pk=delivery_id)
        check_transition(DELIVERY_TRANSITIONS, delivery.status, to, what="webhook delivery")
        delivery.status = to
        for field, value in (changes or {}).items():
            setattr(delivery, field, value)
        delivery.save(update_fields=["status", *(changes or {})])
    return delivery


def webhook_deliveries_due(*, limit: int = 100) -> list[int]:
    """Ids of pending deliveries whose attempt is due (for the periodic sweep)."""
    with transaction.atomic():
        due = WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        return [d.pk for d in claim_batch(due, limit)]


def _send(delivery: WebhookDelivery) -> str | None:
    webhook = delivery.webhook
    try:
        _check_url(webhook.url, resolve=True)
    except ApplicationError as error:
        return error.detail
    body = json.dumps(delivery.payload, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    timestamp = int(time.time())
    event_id = str(delivery.event_id)
    headers = {
        "Content-Type": "application/json",
        "Webhook-Id": event_id,
        "Webhook-Timestamp": str(timestamp),
        "Webhook-Signature": webhook_signature(
            secret=webhook.secret, event_id=event_id, timestamp=timestamp, body=body
        ),
    }
    try:
        response = httpx.post(
            webhook.url, content=body, headers=headers, timeout=5, follow_redirects=False
        )
    except httpx.HTTPError as error:
        return f"{type(error).__name__}: {error}"
    if 200 <= response.status_code < 300:
        return None
    return f"HTTP {response.status_code}"
