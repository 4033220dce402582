"""Writing the settlement ledger: payouts on shipment, chargebacks, adjustments.

The ledger is append-only (``production.models.settlement``); each function adds at most
one entry and returns it. What must happen once is guarded by a unique constraint, so a
replayed shipment or a claim approved twice adds nothing the second time.

For the claims work: when a claim is approved at a plant's fault, call
``ledger_charge_back(work_order=..., amount=..., reason=..., claim_ref=...)`` with the
shipped work order the claim is about and the reprint's cost (a positive ``Decimal`` in
the plant's payout currency). It charges the plant that was paid for it (whatever the
work order's ``factory`` says by then), once per (claim, work order), and returns the
entry (the first one on a replay). It may run in the caller's transaction.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import transaction

from c2m.errors import ApplicationError
from production.models import (
    CapacityBooking,
    Factory,
    SettlementEntry,
    SettlementKind,
    WorkOrder,
)

CENT = Decimal("0.01")


class InvalidAmount(ApplicationError):
    code = "invalid_amount"


def payout_accrue(
    *, work_order: WorkOrder, actor: str, reference: str = ""
) -> SettlementEntry | None:
    """Owe the plant that shipped ``work_order`` the payout frozen on its offer.

    Called in the shipment's transaction. Once per work order whatever arrives twice:
    the first entry comes back on a replay. None when the work order carries no payout
    (offered before payouts were frozen on offers).
    """
    if work_order.payout_amount is None or work_order.factory_id is None:
        return None
    entry = SettlementEntry(
        factory_id=work_order.factory_id,
        work_order=work_order,
        kind=SettlementKind.PAYOUT,
        amount=work_order.payout_amount,
        currency=work_order.payout_currency,
        reference=reference[:80],
        reason=f"shipped {work_order.number}"[:300],
        actor=actor,
    )
    # ON CONFLICT DO NOTHING: the partial unique index is the last word on "once".
    SettlementEntry.objects.bulk_create([entry], ignore_conflicts=True)
    return SettlementEntry.objects.get(work_order=work_order, kind=SettlementKind.PAYOUT)


def ledger_charge_back(
    *,
    work_order: WorkOrder,
    amount: Decimal,
    reason: str,
    claim_ref: str,
    currency: str | None = None,
    actor: str = "system:claims",
) -> SettlementEntry:
    """Charge ``amount`` (positive, the reprint's cost) back to the plant that was paid
    for ``work_order`` (the one that shipped it), for the claim ``claim_ref`` approved at
    its fault.

    ``currency`` defaults to the payout's currency and must equal it. Once per (claim,
    work order): a replay returns the first entry, even with another amount. Raises
    ``InvalidAmount`` for an amount that is not positive, has fractions of a cent, or is in
    another currency, without a claim reference, and for a work order no payout accrued
    for (never shipped).
    """
    value = _cents(amount)
    if value <= 0:
        raise InvalidAmount("A chargeback is a positive amount.", errors={"amount": ["> 0"]})
    paid = SettlementEntry.objects.filter(
        work_order_id=work_order.pk, kind=SettlementKind.PAYOUT
    ).first()
    if paid is None:
        raise InvalidAmount(
            "No payout accrued for this work order: it never shipped.",
            errors={"work_order": ["Not shipped."]},
        )
    if currency is not None and currency != paid.currency:
        raise InvalidAmount(
            f"The plant is paid in {paid.currency}.",
            errors={"currency": [f"Must be {paid.currency}."]},
        )
    if not claim_ref:
        raise InvalidAmount("Name the claim.", errors={"claim_ref": ["Required."]})
    with transaction.atomic():
        entry = SettlementEntry(
            factory_id=paid.factory_id,
            work_order_id=work_order.pk,
            kind=SettlementKind.CHARGEBACK,
            amount=-value,
            currency=paid.currency,
            reference=claim_ref[:80],
            reason=reason[:300],
            actor=actor,
        )
        SettlementEntry.objects.bulk_create([entry], ignore_conflicts=True)
        return SettlementEntry.objects.get(
            work_order_id=work_order.pk,
            kind=SettlementKind.CHARGEBACK,
            reference=claim_ref[:80],
        )


def ledger_adjust(
    *, factory: Factory, amount: Decimal, reason: str, actor: str, reference: str = ""
) -> SettlementEntry:
    """Book an operator's correction: positive owes the plant more, negative less.

    Raises ``InvalidAmount`` for zero, fractions of a cent, or no reason.
    """
    value = _cents(amount)
    if value == 0:
        raise InvalidAmount("An adjustment moves money.", errors={"amount": ["Not zero."]})
    if not reason.strip():
        raise InvalidAmount("Say why.", errors={"reason": ["Required."]})
    return SettlementEntry.objects.create(
        factory=factory,
        kind=SettlementKind.ADJUSTMENT,
        amount=value,
        currency=factory.payout_currency,
        reference=reference[:80],
        reason=reason[:300],
        actor=actor,
    )


def _cents(amount: Decimal) -> Decimal:
    try:
        value = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise InvalidAmount("Not an amount.", errors={"amount": ["A decimal."]}) from None
    if not value.is_finite() or value.quantize(CENT, rounding=ROUND_HALF_UP) != value:
        raise InvalidAmount("Amounts are to the cent.", errors={"amount": ["To the cent."]})
    if abs(value) >= Decimal("1e10"):
        raise InvalidAmount("Too large.", errors={"amount": ["Too large."]})
    return value


def _span(booking: CapacityBooking) -> str:
    if booking.days == 1:
        return str(booking.day)
    return f"each of {booking.days} days {booking.day}–{booking.last_day}"


def ledger_book_capacity(*, booking: CapacityBooking, actor: str) -> SettlementEntry:
    """Owe the plant its earnings from a capacity booking it confirmed: the business's
    cost less the platform's margin (both frozen on the booking; the reason states them).
    Once per booking: a replay returns the first entry."""
    entry = SettlementEntry(
        factory_id=booking.factory_id,
        capacity_booking=booking,
        kind=SettlementKind.BOOKING,
        amount=booking.plant_earnings,
        currency=booking.currency,
        reference=booking.number,
        reason=(
            f"capacity booking {booking.number}: {booking.minutes} min of "
            f"{booking.centre_type} on {_span(booking)}, cost {booking.cost}, "
            f"platform margin {booking.platform_margin}"
        )[:300],
        actor=actor,
    )
    SettlementEntry.objects.bulk_create([entry], ignore_conflicts=True)
    return SettlementEntry.objects.get(capacity_booking=booking, kind=SettlementKind.BOOKING)
