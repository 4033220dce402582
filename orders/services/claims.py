"""After-sales claims: a customer reports a problem with delivered pieces, asks for a
repair visit under warranty or returns them; an operator decides (reprint, refund, reject,
ask for more; repairs and returns in ``claim_services``), production hears of it through
the outbox.

Every write here runs in a transaction and moves the claim through ``claim_move``; the
refund's gateway call runs between two transactions, never under a row lock.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from c2m.db import check_transition, lock_one
from c2m.errors import ApplicationError, Conflict, NotFound
from orders.models import (
    CLAIM_MOVES,
    Claim,
    ClaimEvent,
    ClaimEventCode,
    ClaimKind,
    ClaimStatus,
    Order,
    OrderLine,
    Payment,
    PaymentIntent,
    PaymentIntentKind,
    PaymentIntentStatus,
    PaymentStatus,
)
from orders.models.claim_status import ANSWERABLE, DECIDABLE, HOLDS_QUANTITY, KIND_REASONS
from orders.models.payment_intent_status import LIVE
from orders.selectors.claim_windows import claim_window_check
from orders.services.claim_photos import claim_photo_store
from orders.services.emails import order_email_queue
from orders.services.outbox import outbox_enqueue
from orders.services.payments.intents import (
    payment_intent_finalize,
    payment_intent_finalizer,
    payment_intent_move,
    payment_intent_send,
    payment_refund_record,
)
from orders.services.planning_snapshot import planning_delivery, planning_line

# The refund intents a claim records (``PaymentIntent.purpose``).
CLAIM = "claim"

MAX_DESCRIPTION = 2000
_NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def line_claimable_quantity(*, line: OrderLine) -> int:
    """Pieces of the line no open or approved problem report or return names yet (a
    repair visit leaves the pieces with the customer)."""
    held = (
        line.claims.filter(status__in=HOLDS_QUANTITY)
        .exclude(kind=ClaimKind.REPAIR)
        .aggregate(n=Sum("quantity"))["n"]
        or 0
    )
    return max(line.quantity - held, 0)


def claim_file(
    *,
    order_id: int,
    line_id: Any,
    reason: Any,
    quantity: Any,
    description: Any,
    photos: Sequence[Any] = (),
    actor: str,
    kind: Any = ClaimKind.PROBLEM,
) -> Claim:
    """Report a problem with ``quantity`` pieces of one line of a delivered order, or
    (``kind``) ask for a repair or maintenance visit under its warranty, or to return them.

    Returns the new claim (status open); the customer is emailed and, for a problem,
    production told after commit. Raises ``ApplicationError`` (400, ``errors`` per field)
    for a bad kind, reason, quantity, description or too many photos, ``ArtworkRejected``
    for a photo we will not store, ``NotFound`` for a line not on the order and
    ``Conflict`` when the kind's window is closed (``not_delivered``,
    ``claim_window_closed``; ``no_warranty``, ``warranty_expired``; ``not_returnable``,
    ``personalised``, ``return_window_closed``).
    """
    if kind not in ClaimKind.values:
        raise ApplicationError(
            _("Choose what you are asking for."),
            code="invalid",
            errors={"kind": [_("Choose what you are asking for.")]},
        )
    errors = _check_input(kind=kind, reason=reason, quantity=quantity, description=description)
    if len(photos) > settings.CLAIM_MAX_PHOTOS:
        errors["photos"] = [
            _("Send at most %(count)d photos.") % {"count": settings.CLAIM_MAX_PHOTOS}
        ]
    with transaction.atomic():
        try:
            order = lock_one(Order.objects, pk=order_id)
        except Order.DoesNotExist:
            raise NotFound(_("No such order.")) from None
        line = _line(order, line_id)
        claim_window_check(order=order, line=line, kind=kind, now=timezone.now())
        if errors:
            raise ApplicationError(_("Please correct the claim."), code="invalid", errors=errors)
        left = line.quantity if kind == ClaimKind.REPAIR else line_claimable_quantity(line=line)
        if int(quantity) > left:
            message = (
                _("Only %(count)d pieces of this item can still be claimed.") % {"count": left}
                if left
                else _("Every piece of this item is already in a claim.")
            )
            raise ApplicationError(message, code="quantity_exceeds", errors={"quantity": [message]})
        claim = _create(
            order=order,
            line=line,
            reason=reason,
            quantity=int(quantity),
            description=description.strip(),
            kind=kind,
        )
        for photo in photos:
            claim_photo_store(claim=claim, file=photo)
        _event(claim, ClaimEventCode.FILED, actor, to_status=claim.status)
        if kind == ClaimKind.PROBLEM:  # a plant's work is in question only for a problem
            outbox_enqueue(topic="claim.filed", payload=claim_facts(claim))
        order_email_queue(order_id=order.pk, kind="claim_filed", extra={"claim_id": claim.pk})
    return claim


def claim_add_info(*, claim_id: int, message: Any, photos: Sequence[Any] = (), actor: str) -> Claim:
    """The customer adds words and/or photos to an open claim; one the operator asked
    about opens again. Raises ``ApplicationError`` for nothing to add and ``Conflict``
    once the claim is decided."""
    text = message.strip() if isinstance(message, str) else ""
    if len(text) > MAX_DESCRIPTION:
        raise ApplicationError(
            _("Please keep it under %(count)d characters.") % {"count": MAX_DESCRIPTION},
            code="invalid",
            errors={"message": [_("Too long.")]},
        )
    if not text and not photos:
        raise ApplicationError(
            _("Add a message or a photo."), code="invalid", errors={"message": [_("Required.")]}
        )
    with transaction.atomic():
        claim = claim_lock(claim_id)
        if claim.status not in ANSWERABLE:
            raise Conflict(_("This claim is already decided."), code="claim_decided")
        if claim.photos.count() + len(photos) > settings.CLAIM_MAX_PHOTOS:
            raise ApplicationError(
                _("Send at most %(count)d photos.") % {"count": settings.CLAIM_MAX_PHOTOS},
                code="invalid",
                errors={"photos": [_("Too many photos.")]},
            )
        stored = [claim_photo_store(claim=claim, file=p).public_id for p in photos]
        data = {"message": text, "photos": stored}
        if claim.status == ClaimStatus.INFO_REQUESTED:
            claim_move(
                claim=claim,
                to=ClaimStatus.OPEN,
                actor=actor,
                code=ClaimEventCode.INFO_ADDED,
                data=data,
            )
        else:
            _event(claim, ClaimEventCode.INFO_ADDED, actor, data=data)
    return claim


def claim_request_info(*, claim_id: int, message: str, actor: str) -> Claim:
    """Ask the customer for more (emailed). Raises ``ApplicationError`` without a message."""
    text = _required_text(message)
    with transaction.atomic():
        claim = claim_lock(claim_id)
        claim_move(claim=claim, to=ClaimStatus.INFO_REQUESTED, actor=actor, data={"message": text})
        claim_update_email_queue(claim)
    return claim


def claim_reject(*, claim_id: int, reason: str, actor: str) -> Claim:
    """Decline the claim with a reason the customer reads; its pieces may be claimed again."""
    text = _required_text(reason)
    with transaction.atomic():
        claim = claim_lock(claim_id)
        claim_move(claim=claim, to=ClaimStatus.REJECTED, actor=actor, data={"message": text})
        claim_decision_publish(claim, "rejected")
        claim_update_email_queue(claim)
    return claim


def claim_approve_reprint(
    *, claim_id: int, plant_at_fault: bool, actor: str, message: str = ""
) -> Claim:
    """Approve a reprint of the claimed pieces: production gets the line's frozen
    snapshot (``claim.decided``) and makes them again, at another plant when this one was
    at fault. Raises ``Conflict`` when the claim is decided already."""
    with transaction.atomic():
        claim = claim_lock(claim_id)
        claim_move(
            claim=claim,
            to=ClaimStatus.REPRINTING,
            actor=actor,
            data={"message": message.strip(), "plant_at_fault": plant_at_fault},
            changes={"plant_at_fault": plant_at_fault},
        )
        line = claim.line
        claim_decision_publish(
            claim,
            "reprint",
            reprint={
                "line": planning_line(line, quantity=claim.quantity),
                "ship_to": claim.order.ship_to,
                "delivery": planning_delivery(claim.order),
            },
        )
        claim_update_email_queue(claim)
    return claim


def claim_refund(
    *, claim_id: int, amount: Any, plant_at_fault: bool, actor: str, message: str = ""
) -> Claim:
    """Approve a refund of ``amount`` (up to the line's worth still refundable) and give
    it back through the order's payment provider.

    The approval commits first (refund owed); the provider is called with no transaction
    open; a second transaction records the refund. A failed provider call leaves the
    claim ``refund_pending``: ``claim_refund_send`` tries it again, and never twice.
    Raises ``ApplicationError`` for a bad amount and ``Conflict`` when decided already.
    """
    value = _amount(amount)
    with transaction.atomic():
        claim = claim_lock(claim_id)
        if claim.status not in DECIDABLE:
            raise Conflict(_("This claim is already decided."), code="claim_decided")
        limit = min(claim.line.line_total, order_refundable_amount(claim.order_id))
        if value > limit:
            raise ApplicationError(
                _("At most %(amount)s can be refunded.") % {"amount": limit},
                code="refund_too_large",
                errors={"amount": [str(limit)]},
            )
        claim_move(
            claim=claim,
            to=ClaimStatus.REFUND_PENDING,
            actor=actor,
            data={
                "amount": str(value),
                "message": message.strip(),
                "plant_at_fault": plant_at_fault,
            },
            changes={"refund_amount": value, "plant_at_fault": plant_at_fault},
        )
        claim_decision_publish(claim, "refund")
        _refund_intent(claim, actor)
    return claim_refund_send(claim_id=claim.pk, actor=actor)


def claim_refund_send(*, claim_id: int, actor: str) -> Claim:
    """Send an owed refund to the provider (outside any transaction) and record it once.

    Returns the claim, refunded. Raises ``Conflict`` unless the refund is owed and what
    the provider raises when it refuses (the claim stays ``refund_pending``).
    """
    assert not transaction.get_connection().in_atomic_block, "no gateway call under locks"
    with transaction.atomic():
        claim = claim_lock(claim_id)
        if claim.status == ClaimStatus.REFUNDED:
            return claim
        amount = claim.refund_amount
        if claim.status != ClaimStatus.REFUND_PENDING or amount is None:
            raise Conflict(_("No refund is owed on this claim."), code="no_refund_owed")
        intent = claim.refund_intents.filter(status__in=LIVE).first() or _refund_intent(
            claim, actor
        )
    intent = payment_intent_send(intent_id=intent.pk)
    payment_intent_finalize(intent_id=intent.pk, intent=intent)
    return Claim.objects.select_related("order").get(pk=claim_id)


@payment_intent_finalizer(CLAIM)
def claim_refund_finalize(intent_id: int) -> None:
    """Record a claim's refund the provider made, once (see ``FINALIZERS``)."""
    claim_id, payment_id = PaymentIntent.objects.values_list("claim_id", "payment_id").get(
        pk=intent_id
    )
    with transaction.atomic():
        claim = claim_lock(claim_id)
        payment = lock_one(Payment.objects, pk=payment_id)
        intent = lock_one(PaymentIntent.objects, pk=intent_id)
        if intent.status != PaymentIntentStatus.SUCCEEDED:
            return
        actor = intent.request["actor"]
        payment_refund_record(
            payment=payment, amount=intent.amount, actor=actor, claim=claim.number
        )
        claim_move(
            claim=claim, to=ClaimStatus.REFUNDED, actor=actor, data={"amount": str(intent.amount)}
        )
        payment_intent_move(intent=intent, to=PaymentIntentStatus.COMPLETED)
        claim_update_email_queue(claim)


def _refund_intent(claim: Claim, actor: str) -> PaymentIntent:
    """Record the refund a claim owes (the caller holds the claim's lock)."""
    payment = _captured_payment(claim.order_id)
    assert claim.refund_amount is not None
    return PaymentIntent.objects.create(
        kind=PaymentIntentKind.REFUND,
        purpose=CLAIM,
        provider=payment.provider,
        currency=payment.currency,
        amount=claim.refund_amount,
        order_id=claim.order_id,
        payment=payment,
        claim=claim,
        request={"actor": actor},
    )


def claim_move(
    *,
    claim: Claim,
    to: str,
    actor: str,
    code: str | None = None,
    data: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
) -> Claim:
    """Check the claim kind's moves (``CLAIM_MOVES``), set the status and ``changes``,
    save those fields and write the timeline event. The caller holds the claim's row lock.
    Raises ``Conflict`` (``invalid_transition``) naming the allowed next statuses."""
    check_transition(CLAIM_MOVES[claim.kind], claim.status, to, what="claim")
    previous = claim.status
    claim.status = to
    for field, value in (changes or {}).items():
        setattr(claim, field, value)
    claim.save(update_fields=["status", *(changes or {}), "updated_at"])
    _event(claim, code or to, actor, from_status=previous, to_status=to, data=data)
    return claim


def claim_facts(claim: Claim) -> dict[str, Any]:
    """What production keeps of a claim (its own record against the plant's work)."""
    return {
        "claim_number": claim.number,
        "order_id": claim.order_id,
        "order_number": claim.order.number,
        "line_id": claim.line_id,
        "reason": claim.reason,
        "quantity": claim.quantity,
        "description": claim.description,
        "photos": list(claim.photos.values_list("public_id", flat=True)),
        "filed_at": claim.created_at.isoformat(),
    }


def claim_lock(claim_id: int) -> Claim:
    """The claim (with its order and line), locked until the transaction ends; ``NotFound``
    if there is none."""
    try:
        return lock_one(Claim.objects.select_related("order", "line"), pk=claim_id)
    except Claim.DoesNotExist:
        raise NotFound(_("No such claim.")) from None


def claim_decision_publish(claim: Claim, decision: str, **more: Any) -> None:
    """Write the ``claim.decided`` outbox message for production (the claim's facts, the
    ``decision``, fault, refund and ``more``), in the caller's transaction."""
    outbox_enqueue(
        topic="claim.decided",
        payload={
            **claim_facts(claim),
            "decision": decision,
            "plant_at_fault": claim.plant_at_fault,
            # For a refund: what was approved (a chargeback to the plant starts here).
            "refund_amount": str(claim.refund_amount) if claim.refund_amount else None,
            "currency": claim.order.currency,
            **more,
        },
    )


def claim_update_email_queue(claim: Claim) -> None:
    """Email the customer the claim's new state once the transaction commits."""
    order_email_queue(order_id=claim.order_id, kind="claim_update", extra={"claim_id": claim.pk})


def order_refundable_amount(order_id: int) -> Decimal:
    """What is left to give back: captured, less refunded and refunds under way."""
    payment = _captured_payment(order_id)
    under_way = payment.intents.filter(kind=PaymentIntentKind.REFUND, status__in=LIVE).aggregate(
        s=Sum("amount")
    )["s"] or Decimal("0")
    return payment.captured_amount - payment.refunded_amount - under_way


def _create(
    *, order: Order, line: OrderLine, reason: str, quantity: int, description: str, kind: str
) -> Claim:
    for _attempt in range(5):
        raw = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(6))
        try:
            with transaction.atomic():
                return Claim.objects.create(
                    number=f"CLM-{raw}",
                    kind=kind,
                    order=order,
                    line=line,
                    reason=reason,
                    quantity=quantity,
                    description=description,
                )
        except IntegrityError:  # a number clash: draw again
            continue
    raise Conflict("Could not number the claim; please try again.", code="claim_number_clash")


def _event(
    claim: Claim,
    code: str,
    actor: str,
    *,
    from_status: str = "",
    to_status: str = "",
    data: dict[str, Any] | None = None,
) -> ClaimEvent:
    return ClaimEvent.objects.create(
        claim=claim,
        code=code,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        data=data or {},
    )


def _check_input(
    *, kind: str, reason: Any, quantity: Any, description: Any
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if reason not in KIND_REASONS[kind]:
        errors["reason"] = [_("Choose what went wrong.")]
    if isinstance(quantity, bool) or not _is_positive_int(quantity):
        errors["quantity"] = [_("Enter how many pieces are affected (1 or more).")]
    if not isinstance(description, str) or not description.strip():
        errors["description"] = [_("Tell us what is wrong.")]
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = [
            _("Please keep it under %(count)d characters.") % {"count": MAX_DESCRIPTION}
        ]
    return errors


def _is_positive_int(value: Any) -> bool:
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        return False
    return str(number) == str(value).strip() and 1 <= number <= 1_000_000


def _line(order: Order, line_id: Any) -> OrderLine:
    try:
        return order.lines.get(pk=int(line_id))
    except (TypeError, ValueError, OverflowError, OrderLine.DoesNotExist):
        raise ApplicationError(
            _("Choose an item of this order."),
            code="invalid",
            errors={"line": [_("Choose an item of this order.")]},
        ) from None


def _required_text(value: Any) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        raise ApplicationError(
            _("Write a message for the customer."),
            code="invalid",
            errors={"message": [_("Required.")]},
        )
    return text[:MAX_DESCRIPTION]


def _amount(value: Any) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError, TypeError):
        amount = Decimal("0")
    if not amount.is_finite() or amount <= 0:
        raise ApplicationError(
            _("Enter an amount above zero."), code="invalid", errors={"amount": [_("Above zero.")]}
        )
    return amount


def _captured_payment(order_id: int) -> Payment:
    payment = (
        Payment.objects.filter(order_id=order_id, status=PaymentStatus.CAPTURED)
        .order_by("pk")
        .first()
    )
    if payment is None:
        raise Conflict(_("This order has no captured payment to refund."), code="nothing_to_refund")
    return payment
