"""Provider notifications (webhooks): verified, recorded once, then applied."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.db import IntegrityError, transaction

from c2m.errors import Unprocessable
from orders.models import (
    OrderEvent,
    OrderEventCode,
    OrderStatus,
    Payment,
    PaymentNotification,
    PaymentStatus,
)
from orders.services.lifecycle import order_mark_paid
from orders.services.payments import payment_provider_enabled
from orders.services.payments.base import WebhookEvent
from orders.services.payments.status import payment_move

logger = logging.getLogger(__name__)

CAPTURED = "payment.captured"
FAILED = "payment.failed"
REFUNDED = "payment.refunded"
TYPES = frozenset({CAPTURED, FAILED, REFUNDED})


def payment_notification_handle(
    *, provider: str, headers: Mapping[str, str], body: bytes
) -> tuple[PaymentNotification, bool]:
    """Verify a provider's notification and apply it once.

    Returns the notification and whether it was new; a replay of the same event id is
    acknowledged and does nothing. Raises ``NotFound`` for a provider not enabled here,
    ``WebhookRefused`` (400) for a missing, forged or stale signature or a malformed body,
    and ``Unprocessable`` (422) for an event that contradicts the payment: a capture must
    name the amount and currency owed (``capture_amount_required``, ``amount_mismatch``,
    ``currency_mismatch``); a refund of nothing or of more than was captured is
    ``invalid_refund_amount``. A refused event is not recorded and changes nothing.
    """
    event = payment_provider_enabled(provider).handle_webhook(headers=headers, body=body)
    if event.type == CAPTURED:
        _require_amount(event)
    try:
        with transaction.atomic():
            notification = PaymentNotification.objects.create(
                provider=provider, event_id=event.event_id, type=event.type, payload=event.payload
            )
            payment = (
                Payment.objects.select_for_update()
                .filter(provider=provider, reference=event.reference)
                .select_related("order")
                .first()
            )
            if payment is None or event.type not in TYPES:
                logger.info("payments: %s %s ignored", provider, event.event_id)
                return notification, True
            if event.currency is not None and event.currency != payment.currency:
                raise Unprocessable(
                    "The notification's currency differs from the payment's.",
                    code="currency_mismatch",
                    extra={"currency": payment.currency},
                )
            if event.type == CAPTURED:
                if event.amount != payment.amount:
                    raise Unprocessable(
                        "The captured amount differs from the payment.",
                        code="amount_mismatch",
                        extra={"amount": str(payment.amount), "currency": payment.currency},
                    )
                if payment.order.status == OrderStatus.PENDING_PAYMENT:
                    order_mark_paid(
                        order_id=payment.order_id,
                        actor=f"payment:{provider}",
                        reference=event.event_id,
                    )
                elif payment.order.status == OrderStatus.CANCELLED:
                    _paid_after_cancellation(payment, provider, event)
            elif event.type == FAILED and payment.status == PaymentStatus.PENDING:
                payment_move(payment=payment, to=PaymentStatus.DECLINED)
            elif event.type == REFUNDED and payment.status == PaymentStatus.CAPTURED:
                if event.amount is not None and not 0 < event.amount <= payment.captured_amount:
                    raise Unprocessable(
                        "The refunded amount must be more than zero and at most the captured "
                        "amount.",
                        code="invalid_refund_amount",
                        extra={
                            "amount": str(payment.captured_amount),
                            "currency": payment.currency,
                        },
                    )
                payment_move(
                    payment=payment,
                    to=PaymentStatus.REFUNDED,
                    changes={"refunded_amount": event.amount or payment.captured_amount},
                )
    except IntegrityError:
        existing = PaymentNotification.objects.get(provider=provider, event_id=event.event_id)
        return existing, False
    return notification, True


def _paid_after_cancellation(payment: Payment, provider: str, event: WebhookEvent) -> None:
    """Money for an order cancelled before it arrived: nothing is made; operators see it
    on the order to give it back (the shopper sees it was received)."""
    logger.warning(
        "payments: %s captured %s %s for cancelled order %s; refund it",
        provider,
        event.amount,
        event.currency,
        payment.order.number,
    )
    OrderEvent.objects.create(
        order=payment.order,
        kind=OrderEvent.Kind.NOTE,
        code=OrderEventCode.PAID_AFTER_CANCELLATION,
        actor=f"payment:{provider}",
        data={"amount": str(event.amount), "currency": event.currency, "event": event.event_id},
    )


def _require_amount(event: WebhookEvent) -> None:
    """A capture marks goods paid for: it must say what it took, to be compared with what
    is owed."""
    if event.amount is None or event.currency is None:
        raise Unprocessable(
            "A capture notification must carry the amount and the currency captured.",
            code="capture_amount_required",
            errors={
                name: ["Required."]
                for name, value in (("amount", event.amount), ("currency", event.currency))
                if value is None
            },
        )
