"""Businesses booking a plant's idle minutes, and the booking's status machine.

A booking holds its minutes (``minutes`` on each day of its span) twice, under locks
taken in one order (the offer, then the capacity days by primary key): on the offer
(``booked_minutes``) and on the plant's capacity calendar (``capacity_hold``), so the
router sees them as taken. Two businesses booking the last minutes at once: the second
waits for the offer's lock, finds them gone, and gets 409; a span is held whole or not
at all.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from c2m.db import check_transition, lock_one
from c2m.errors import ApplicationError, Conflict, NotFound
from orders.services.production_feedback import booking_decision_report
from production.models import (
    CAPACITY_BOOKING_TRANSITIONS,
    CapacityBooking,
    CapacityBookingEvent,
    CapacityBookingStatus,
    CapacityDay,
    CapacityOffer,
)
from production.services.capacity_reservations import capacity_give_back, capacity_hold
from production.services.settlement import ledger_book_capacity
from production.services.webhooks import (
    BOOKING_CANCELLED,
    BOOKING_CREATED,
    webhook_booking_enqueue,
)

CENT = Decimal("0.01")
# The longest span one booking may cover (the plant's calendar reaches 60 days ahead).
MAX_SPAN_DAYS = 60
NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class OfferUnavailable(Conflict):
    """The offer was withdrawn, is over, or has fewer free minutes than asked for."""

    code = "offer_unavailable"


def capacity_booking_create(
    *,
    offer_id: int,
    buyer_account_id: int,
    buyer_name: str,
    day: date,
    minutes: int,
    actor: str,
    last_day: date | None = None,
    today: date | None = None,
) -> CapacityBooking:
    """Book ``minutes`` of the offer on every day from ``day`` to ``last_day`` (just
    ``day`` without it) for a business, under one number; the plant then confirms.

    All or nothing: every day of the span is held, or none. Raises ``NotFound`` for an
    unknown offer, ``ApplicationError`` (400, ``invalid_booking``) for a day outside the
    offer or in the past, a span in the wrong order or longer than ``MAX_SPAN_DAYS``, and
    for fewer minutes than the offer's minimum, ``OfferUnavailable`` (409) when the offer
    was withdrawn or has not the minutes left for the span, and ``CapacityTaken`` (409,
    ``capacity_taken``, naming the first day that lacks them in ``day``) when the plant's
    calendar no longer has them free. Books nothing when it raises.
    """
    today = today or timezone.localdate()
    last_day = last_day or day
    with transaction.atomic():
        try:
            offer = lock_one(CapacityOffer.objects.select_related("factory"), pk=offer_id)
        except CapacityOffer.DoesNotExist:
            raise NotFound("No such offer.", code="offer_not_found") from None
        _check_request(offer, day=day, last_day=last_day, minutes=minutes, today=today)
        days = (last_day - day).days + 1
        if offer.withdrawn_at is not None:
            raise OfferUnavailable("The plant withdrew this offer.")
        if offer.free_minutes < minutes * days:
            raise OfferUnavailable(
                f"Only {offer.free_minutes} minutes of this offer are left; "
                f"{minutes * days} asked for.",
                extra={"free_minutes": offer.free_minutes},
            )
        span = [day + timedelta(days=n) for n in range(days)]
        held = capacity_hold(
            factory_id=offer.factory_id,
            minutes={(offer.centre_type, one_day): minutes for one_day in span},
        )
        CapacityOffer.objects.filter(pk=offer.pk).update(
            booked_minutes=F("booked_minutes") + minutes * days
        )
        cost = (offer.price_per_minute * minutes * days).quantize(CENT, rounding=ROUND_HALF_UP)
        margin = (cost * settings.C2M_EXCHANGE_MARGIN_PERCENT / 100).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        booking = CapacityBooking.objects.create(
            number=_new_number(),
            offer=offer,
            factory_id=offer.factory_id,
            capacity_day=held[(offer.centre_type, day)],
            buyer_account_id=buyer_account_id,
            buyer_name=buyer_name[:200],
            centre_type=offer.centre_type,
            day=day,
            days=days,
            minutes=minutes,
            price_per_minute=offer.price_per_minute,
            cost=cost,
            platform_margin=margin,
            plant_earnings=cost - margin,
            currency=offer.currency,
        )
        CapacityBookingEvent.objects.create(
            booking=booking,
            to_status=booking.status,
            actor=actor,
            data={"minutes": minutes, "days": days},
        )
        webhook_booking_enqueue(booking=booking, event=BOOKING_CREATED)
    return booking


def capacity_booking_move(
    *, booking_id: int, to: str, actor: str, note: str = ""
) -> CapacityBooking:
    """Move the booking to status ``to``, the only writer of its status.

    Confirming books the plant's earnings to its ledger (once, for the whole span);
    declining or cancelling gives the minutes of every day back to the offer and the
    calendar. In the same transaction, a cancellation queues the plant's webhook
    (``capacity_booking.cancelled``) and a decision is reported to the orders side
    (``booking.decided``), which tells the business. Moving to the status it has is a no-op
    (a retry); anything ``CAPACITY_BOOKING_TRANSITIONS`` does not list raises ``Conflict``
    (409, ``invalid_transition``, with ``allowed``).
    """
    with transaction.atomic():
        booking = lock_one(CapacityBooking.objects, pk=booking_id)
        if booking.status == to:
            return booking
        check_transition(CAPACITY_BOOKING_TRANSITIONS, booking.status, to, what="booking")
        before = booking.status
        if to == CapacityBookingStatus.CONFIRMED:
            ledger_book_capacity(booking=booking, actor=actor)
        else:
            _give_back(booking)
        booking.status = to
        booking.note = note[:300] or booking.note
        booking.save(update_fields=["status", "note", "updated_at"])
        CapacityBookingEvent.objects.create(
            booking=booking,
            from_status=before,
            to_status=to,
            actor=actor,
            data={"note": note} if note else {},
        )
        _tell(booking, by=actor)
    return booking


def capacity_booking_decide(
    *, factory_id: int | None, number: str, confirm: bool, actor: str, reason: str = ""
) -> CapacityBooking:
    """The plant confirms or declines a pending booking of its own (``NotFound`` for
    another plant's). ``factory_id`` None is an operator answering for whichever plant the
    booking is of: then a ``reason`` is required (400 ``reason_required``)."""
    if factory_id is None and not reason.strip():
        raise ApplicationError(
            "Say why you answer for the plant.",
            code="reason_required",
            errors={"reason": ["Required when an operator answers for a plant."]},
        )
    bookings = CapacityBooking.objects.filter(number=number)
    if factory_id is not None:
        bookings = bookings.filter(factory_id=factory_id)
    booking = bookings.first()
    if booking is None:
        raise NotFound("No such booking.", code="booking_not_found")
    to = CapacityBookingStatus.CONFIRMED if confirm else CapacityBookingStatus.DECLINED
    return capacity_booking_move(booking_id=booking.pk, to=to, actor=actor, note=reason)


def capacity_booking_cancel(*, buyer_account_id: int, number: str, actor: str) -> CapacityBooking:
    """The business cancels its booking while the plant has not answered; a confirmed
    booking is invoiced and stays (409). ``NotFound`` for another business's booking."""
    booking = CapacityBooking.objects.filter(
        buyer_account_id=buyer_account_id, number=number
    ).first()
    if booking is None:
        raise NotFound("No such booking.", code="booking_not_found")
    return capacity_booking_move(
        booking_id=booking.pk, to=CapacityBookingStatus.CANCELLED, actor=actor
    )


def _check_request(
    offer: CapacityOffer, *, day: date, last_day: date, minutes: int, today: date
) -> None:
    errors: dict[str, list[str]] = {}
    first_bookable = max(offer.first_day, today)
    if not first_bookable <= day <= offer.last_day:
        errors["day"] = [f"Must be between {first_bookable} and {offer.last_day}."]
    if last_day == day or "day" in errors:
        pass  # a single day, or the span's start is wrong already
    elif last_day < day:
        errors["last_day"] = ["Must be on or after the first day."]
    elif last_day > offer.last_day:
        errors["last_day"] = [f"Must be on or before {offer.last_day}."]
    elif (last_day - day).days + 1 > MAX_SPAN_DAYS:
        errors["last_day"] = [f"A booking spans at most {MAX_SPAN_DAYS} days."]
    if minutes < offer.minimum_minutes:
        errors["minutes"] = [f"This offer books at least {offer.minimum_minutes} minutes."]
    if errors:
        raise ApplicationError(
            "The booking does not fit the offer.", code="invalid_booking", errors=errors
        )


def capacity_days_held(booking: CapacityBooking) -> list[int]:
    """Ids of the plant's calendar days the booking's span holds, first day first."""
    return list(
        CapacityDay.objects.filter(
            factory_id=booking.factory_id,
            centre_type=booking.centre_type,
            day__range=(booking.day, booking.last_day),
        )
        .order_by("day")
        .values_list("pk", flat=True)
    )


def _give_back(booking: CapacityBooking) -> None:
    # Lock order as when booking: the offer, then the capacity days.
    lock_one(CapacityOffer.objects, pk=booking.offer_id)
    CapacityOffer.objects.filter(pk=booking.offer_id).update(
        booked_minutes=F("booked_minutes") - booking.total_minutes
    )
    capacity_give_back(minutes_by_day=dict.fromkeys(capacity_days_held(booking), booking.minutes))


def _tell(booking: CapacityBooking, *, by: str) -> None:
    """The other side hears of the move, in its transaction: the plant of a cancellation
    (its webhook), the business of the plant's answer (through the orders side)."""
    if booking.status == CapacityBookingStatus.CANCELLED:
        webhook_booking_enqueue(booking=booking, event=BOOKING_CANCELLED)
    elif booking.status in (CapacityBookingStatus.CONFIRMED, CapacityBookingStatus.DECLINED):
        factory = booking.factory
        booking_decision_report(
            number=booking.number,
            buyer_account_id=booking.buyer_account_id,
            status=booking.status,
            data={
                "number": booking.number,
                "status": booking.status,
                "plant": factory.name,
                "centre_type": booking.centre_type,
                "first_day": booking.day.isoformat(),
                "last_day": booking.last_day.isoformat(),
                "days": booking.days,
                "minutes_per_day": booking.minutes,
                "cost": str(booking.cost),
                "currency": booking.currency,
                "reason": booking.note if booking.status == CapacityBookingStatus.DECLINED else "",
                "decided_by": "operator" if by.startswith("admin:") else "plant",
            },
        )


def _new_number() -> str:
    return "BK-" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
