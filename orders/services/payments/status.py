"""The one place a payment's status changes, as ``PAYMENT_TRANSITIONS`` allows."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from c2m.db import check_transition, lock_one
from c2m.errors import NotFound
from orders.models import PAYMENT_TRANSITIONS, Payment, PaymentStatus


def payment_transition(
    *, payment_id: int, to: str, changes: dict[str, Any] | None = None
) -> Payment:
    """Lock the payment and move it to ``to`` (see ``payment_move``).

    Raises ``NotFound`` for a payment that does not exist and ``Conflict`` (code
    ``invalid_transition``) for a move the table does not list.
    """
    with transaction.atomic():
        try:
            payment = lock_one(Payment.objects, pk=payment_id)
        except Payment.DoesNotExist:
            raise NotFound("No such payment.") from None
        return payment_move(payment=payment, to=to, changes=changes)


def payment_move(*, payment: Payment, to: str, changes: dict[str, Any] | None = None) -> Payment:
    """Check the table, set the status and ``changes`` and save just those fields. The
    caller holds the row lock.

    A capture takes the whole amount and a refund gives back all that was captured, unless
    ``changes`` says otherwise (a provider's partial refund).
    Raises ``Conflict`` (code ``invalid_transition``) naming the allowed next statuses.
    """
    check_transition(PAYMENT_TRANSITIONS, payment.status, to, what="payment")
    moved: dict[str, dict[str, Any]] = {
        PaymentStatus.CAPTURED: {"captured_amount": payment.amount},
        PaymentStatus.REFUNDED: {"refunded_amount": payment.captured_amount},
    }
    changes = moved.get(to, {}) | (changes or {})
    payment.status = to
    for field, value in changes.items():
        setattr(payment, field, value)
    payment.save(update_fields=["status", *changes, "updated_at"])
    return payment
