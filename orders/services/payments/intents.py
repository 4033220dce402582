"""Money moves in three steps, never under a row lock.

1. A ``PaymentIntent`` is written and committed (with whatever row locks the caller
   needs, released at commit).
2. The provider is called with no transaction open, the intent's key as its idempotency
   key; its answer is recorded in a transaction of its own (``succeeded``, ``failed``,
   or ``unknown`` when it did not answer).
3. The intent's purpose finalizes it: a short transaction writes the order's payment
   (or refund) and marks the intent ``completed``.

``payment_intents_reconcile`` (Celery beat) asks the provider about intents stuck in
``pending``/``unknown`` and finalizes ``succeeded`` ones whose step 3 never ran.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from c2m.db import check_transition, lock_one
from c2m.errors import ApplicationError
from orders.models import (
    PAYMENT_INTENT_TRANSITIONS,
    OrderEvent,
    OrderEventCode,
    Payment,
    PaymentIntent,
    PaymentIntentKind,
    PaymentIntentStatus,
    PaymentStatus,
)
from orders.models.payment_intent_status import UNSETTLED

from . import payment_provider_get
from .base import PaymentDeclined, PaymentGatewayUnreachable, PaymentProvider, PaymentResult
from .status import payment_move

logger = logging.getLogger(__name__)

S = PaymentIntentStatus
# purpose → the service that writes a succeeded intent to its order, in one short
# transaction that locks what it needs, checks the intent is still ``succeeded`` and
# moves it to ``completed``; it raises ``IntentCannotComplete`` when it no longer can.
FINALIZERS: dict[str, Callable[[int], None]] = {}


class PaymentUnconfirmed(ApplicationError):
    """The provider did not answer; the intent is recorded and will be settled."""

    status = 503
    code = "payment_unconfirmed"


class IntentCannotComplete(Exception):
    """Money was taken for something that can no longer be placed: it is given back."""


def payment_intent_finalizer(
    purpose: str,
) -> Callable[[Callable[[int], None]], Callable[[int], None]]:
    """Register the finalizer of ``purpose`` (see ``FINALIZERS``)."""

    def register(finalize: Callable[[int], None]) -> Callable[[int], None]:
        FINALIZERS[purpose] = finalize
        return finalize

    return register


def payment_intent_move(
    *, intent: PaymentIntent, to: str, changes: Mapping[str, Any] | None = None
) -> PaymentIntent:
    """Check ``PAYMENT_INTENT_TRANSITIONS`` and save the status and ``changes``; the caller
    holds the row lock. Raises ``Conflict`` (``invalid_transition``)."""
    check_transition(PAYMENT_INTENT_TRANSITIONS, intent.status, to, what="payment intent")
    changes = dict(changes or {})
    intent.status = to
    for name, value in changes.items():
        setattr(intent, name, value)
    intent.save(update_fields=["status", *changes, "updated_at"])
    return intent


def payment_intent_send(*, intent_id: int, data: Mapping[str, Any] | None = None) -> PaymentIntent:
    """Ask the provider to move the intent's money (a charge: authorize, and capture when
    the provider settles at once; a refund: refund) and record its answer. An intent
    already answered is returned as it is. Call with no transaction open.

    Returns the intent ``succeeded``. Raises ``PaymentDeclined`` (402) or the provider's
    ``ApplicationError`` (the intent ``failed``), and ``PaymentUnconfirmed`` (503) when the
    provider did not answer (the intent ``unknown``: sending it again is safe).
    """
    intent = PaymentIntent.objects.select_related("payment").get(pk=intent_id)
    if intent.status not in UNSETTLED:
        return intent
    provider = payment_provider_get(intent.provider)
    try:
        if intent.kind == PaymentIntentKind.REFUND:
            result = _refund(provider, intent)
        else:
            result = provider.authorize(
                amount=intent.amount,
                currency=intent.currency,
                data=data or {},
                idempotency_key=intent.key,
            )
            result = _capture(provider, intent, result)
    except PaymentGatewayUnreachable:
        logger.warning("payments: %s got no answer from %s", intent.key, intent.provider)
        _record(intent.pk, S.UNKNOWN, attempted=True)
        raise payment_unconfirmed() from None
    except ApplicationError as refusal:
        _record(intent.pk, S.FAILED, {"message": refusal.detail[:300]}, attempted=True)
        raise
    if result.status == PaymentStatus.DECLINED:
        _record(
            intent.pk,
            S.FAILED,
            {"message": result.message[:300], "reference": result.reference},
            attempted=True,
        )
        raise PaymentDeclined(
            result.message or _("The payment was declined."),
            extra={"retryable": result.retryable},
        )
    return _record(intent.pk, S.SUCCEEDED, _answer(result), attempted=True)


def payment_intent_finalize(
    *, intent_id: int, intent: PaymentIntent | None = None
) -> PaymentIntent:
    """Write a ``succeeded`` intent to its order through its purpose's finalizer; money
    taken for what can no longer be placed is given back (``reversed``). Any other error
    is logged and leaves the intent ``succeeded`` for the reconciler. Call with no
    transaction open. Returns the intent as it is now."""
    intent = intent or PaymentIntent.objects.get(pk=intent_id)
    if intent.status != S.SUCCEEDED:
        return intent
    try:
        FINALIZERS[intent.purpose](intent.pk)
    except IntentCannotComplete as why:
        _reverse(intent, str(why))
    except Exception:
        logger.exception("payments: finalizing %s failed; the reconciler retries", intent.key)
    return PaymentIntent.objects.get(pk=intent_id)


def payment_intent_settle(*, intent_id: int) -> PaymentIntent:
    """Ask the provider what became of an intent left ``pending`` or ``unknown`` and record
    it, then finalize a ``succeeded`` one. A charge the provider never received failed; a
    refund it never received is owed still, so it is sent (with the same key). A provider
    that still does not answer leaves the intent as it was. Call with no transaction open.
    """
    intent = PaymentIntent.objects.select_related("payment").get(pk=intent_id)
    if intent.status in UNSETTLED:
        provider = payment_provider_get(intent.provider)
        try:
            result = provider.retrieve(idempotency_key=intent.key)
            if intent.kind == PaymentIntentKind.REFUND:
                result = result or _refund(provider, intent)
            elif result is not None and result.status != PaymentStatus.DECLINED:
                result = _capture(provider, intent, result)
        except PaymentGatewayUnreachable:
            logger.warning("payments: %s: %s still does not answer", intent.key, intent.provider)
            return intent
        except ApplicationError as refusal:
            return _record(intent.pk, S.FAILED, {"message": refusal.detail[:300]})
        if result is None or result.status == PaymentStatus.DECLINED:
            message = result.message if result else "The provider never received it."
            return _record(intent.pk, S.FAILED, {"message": message[:300]})
        intent = _record(intent.pk, S.SUCCEEDED, _answer(result))
    return payment_intent_finalize(intent_id=intent.pk, intent=intent)


def payment_intents_reconcile(*, now: datetime | None = None) -> int:
    """Settle every intent untouched for ``PAYMENT_INTENT_RECONCILE_MINUTES`` and not over
    yet (pending, unknown, or succeeded but not written to its order). Idempotent: a
    second run finds nothing left to do. Returns how many intents reached an end."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.PAYMENT_INTENT_RECONCILE_MINUTES)
    stuck = PaymentIntent.objects.filter(
        Q(status__in=UNSETTLED) | Q(status=S.SUCCEEDED), updated_at__lt=cutoff
    )
    settled = 0
    for intent_id in stuck.order_by("pk").values_list("pk", flat=True):
        try:
            intent = payment_intent_settle(intent_id=intent_id)
        except Exception:
            logger.exception("payments: reconciling intent %s failed", intent_id)
            continue
        settled += intent.status not in (S.PENDING, S.UNKNOWN, S.SUCCEEDED)
    return settled


def payment_refund_record(*, payment: Payment, amount: Decimal, actor: str, **data: Any) -> None:
    """Add a refund the provider made to the payment (refunded once all of it is) and to
    the order's timeline. The caller holds the payment's row lock."""
    refunded = payment.refunded_amount + amount
    if refunded >= payment.captured_amount:
        payment_move(
            payment=payment, to=PaymentStatus.REFUNDED, changes={"refunded_amount": refunded}
        )
    else:
        payment.refunded_amount = refunded
        payment.save(update_fields=["refunded_amount", "updated_at"])
    OrderEvent.objects.create(
        order_id=payment.order_id,
        kind=OrderEvent.Kind.NOTE,
        code=OrderEventCode.REFUNDED,
        actor=actor,
        data={"amount": str(amount), "currency": payment.currency, **data},
    )


def payment_intents_send_on_commit(*, intent_ids: list[int]) -> None:
    """Send these refunds once the caller's transaction commits; one the provider does
    not answer or refuses stays recorded (``unknown``/``failed``) for the reconciler or an
    operator."""
    for intent_id in intent_ids:
        transaction.on_commit(partial(_send_quietly, intent_id))


def _send_quietly(intent_id: int) -> None:
    try:
        intent = payment_intent_send(intent_id=intent_id)
    except ApplicationError as error:
        logger.warning("payments: intent %s not settled now: %s", intent_id, error.code)
        return
    payment_intent_finalize(intent_id=intent_id, intent=intent)


def payment_unconfirmed() -> PaymentUnconfirmed:
    """The error a shopper sees while their payment's outcome is not known yet."""
    return PaymentUnconfirmed(
        _(
            "We could not confirm your payment with the bank yet. You will not be charged "
            "twice: if the payment went through, your order is placed within a few "
            "minutes and we email you. If not, please try again."
        )
    )


def _refund(provider: PaymentProvider, intent: PaymentIntent) -> PaymentResult:
    assert intent.payment is not None, "a refund gives back a recorded payment"
    return provider.refund(
        reference=intent.payment.reference, amount=intent.amount, idempotency_key=intent.key
    )


def _capture(
    provider: PaymentProvider, intent: PaymentIntent, result: PaymentResult
) -> PaymentResult:
    if result.status != PaymentStatus.AUTHORIZED or not provider.immediate:
        return result
    captured = provider.capture(reference=result.reference, amount=intent.amount)
    return replace(captured, display=captured.display or result.display)


def _reverse(intent: PaymentIntent, why: str) -> None:
    """Give back money taken for what can no longer be placed. A provider that does not
    answer leaves the intent ``succeeded``: the reconciler tries again, with the same key."""
    logger.warning("payments: %s cannot complete (%s); giving the money back", intent.key, why)
    provider = payment_provider_get(intent.provider)
    if intent.outcome == PaymentStatus.CAPTURED:
        try:
            provider.refund(
                reference=intent.reference,
                amount=intent.amount,
                idempotency_key=f"{intent.key}-reversal",
            )
        except PaymentGatewayUnreachable:
            return
    _record(intent.pk, S.REVERSED, {"message": why[:300]})


def _answer(result: PaymentResult) -> dict[str, Any]:
    return {
        "reference": result.reference,
        "outcome": result.status,
        "display": result.display,
        "message": result.message[:300],
    }


def _record(
    intent_id: int, to: str, changes: Mapping[str, Any] | None = None, *, attempted: bool = False
) -> PaymentIntent:
    """Lock the intent and move it to ``to`` (counting the call when ``attempted``),
    unless another worker already settled it (a move the table does not list then
    changes nothing)."""
    with transaction.atomic():
        intent = lock_one(PaymentIntent.objects, pk=intent_id)
        if to not in PAYMENT_INTENT_TRANSITIONS[intent.status]:
            return intent
        changes = {**(changes or {}), **({"attempts": intent.attempts + 1} if attempted else {})}
        return payment_intent_move(intent=intent, to=to, changes=changes)
