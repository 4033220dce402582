"""Businesses booking a plant's idle minutes, and the booking's status machine.

A booking holds its minutes twice, under locks taken in one order (the offer, then the
capacity day): on the offer (``booked_minutes``) and on the plant's capacity calendar
(``capacity_hold``), so the router sees them as taken. Two businesses booking the last
minutes at once: the second waits for the offer's lock, finds them gone, and gets 409.
"""

from __future__ import annotations

import secrets
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from c2m.db import check_transition, lock_one
from c2m.errors import ApplicationError, Conflict, NotFound
from production.models import (
    CAPACITY_BOOKING_TRANSITIONS,
    CapacityBooking,
    CapacityBookingEvent,
    CapacityBookingStatus,
    CapacityOffer,
)
from production.services.capacity_reservations import capacity_give_back, capacity_hold
from production.services.settlement import ledger_book_capacity

CENT = Decimal("0.01")
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
    today: date | None = None,
) -> CapacityBooking:
    """Book ``minutes`` of the offer on ``day`` for a business; the plant then confirms.

    Raises ``NotFound`` for an unknown offer, ``ApplicationError`` (400,
    ``invalid_booking``) for a day outside the offer or in the past and for fewer minutes
    than the offer's minimum, ``OfferUnavailable`` (409) when the offer was withdrawn or has
    not the minutes left, and ``CapacityTaken`` (409, ``capacity_taken``) when the plant's
    calendar no longer has them free that day. Books nothing when it raises.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        try:
            offer = lock_one(CapacityOffer.objects.select_related("factory"), pk=offer_id)
        except CapacityOffer.DoesNotExist:
            raise NotFound("No such offer.", code="offer_not_found") from None
        _check_request(offer, day=day, minutes=minutes, today=today)
        if offer.withdrawn_at is not None:
            raise OfferUnavailable("The plant withdrew this offer.")
        if offer.free_minutes < minutes:
            raise OfferUnavailable(
                f"Only {offer.free_minutes} minutes of this offer are left.",
                extra={"free_minutes": offer.free_minutes},
            )
        days = capacity_hold(
            factory_id=offer.factory_id, minutes={(offer.centre_type, day): minutes}
        )
        CapacityOffer.objects.filter(pk=offer.pk).update(
            booked_minutes=F("booked_minutes") + minutes
        )
        cost = (offer.price_per_minute * minutes).quantize(CENT, rounding=ROUND_HALF_UP)
        margin = (cost * settings.C2M_EXCHANGE_MARGIN_PERCENT / 100).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        booking = CapacityBooking.objects.create(
            number=_new_number(),
            offer=offer,
            factory_id=offer.factory_id,
            capacity_day=days[(offer.centre_type, day)],
            buyer_account_id=buyer_account_id,
            buyer_name=buyer_name[:200],
            centre_type=offer.centre_type,
            day=day,
            minutes=minutes,
            price_per_minute=offer.price_per_minute,
            cost=cost,
            platform_margin=margin,
            plant_earnings=cost - margin,
            currency=offer.currency,
        )
        CapacityBookingEvent.objects.create(
            booking=booking, to_status=booking.status, actor=actor, data={"minutes": minutes}
        )
    return booking


def capacity_booking_move(
    *, booking_id: int, to: str, actor: str, note: str = ""
) -> CapacityBooking:
    """Move the booking to status ``to``, the only writer of its status.

    Confirming books the plant's earnings to its ledger; declining or cancelling gives the
    minutes back to the offer and the calendar. Moving to the status it has is a no-op
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
    return booking


def capacity_booking_decide(
    *, factory_id: int, number: str, confirm: bool, actor: str, reason: str = ""
) -> CapacityBooking:
    """The plant confirms or declines a pending booking of its own (``NotFound`` for
    another plant's)."""
    booking = CapacityBooking.objects.filter(factory_id=factory_id, number=number).first()
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


def _check_request(offer: CapacityOffer, *, day: date, minutes: int, today: date) -> None:
    errors: dict[str, list[str]] = {}
    if not max(offer.first_day, today) <= day <= offer.last_day:
        errors["day"] = [f"Must be between {max(offer.first_day, today)} and {offer.last_day}."]
    if minutes < offer.minimum_minutes:
        errors["minutes"] = [f"This offer books at least {offer.minimum_minutes} minutes."]
    if errors:
        raise ApplicationError(
            "The booking does not fit the offer.", code="invalid_booking", errors=errors
        )


def _give_back(booking: CapacityBooking) -> None:
    # Lock order as when booking: the offer, then the capacity day.
    lock_one(CapacityOffer.objects, pk=booking.offer_id)
    CapacityOffer.objects.filter(pk=booking.offer_id).update(
        booked_minutes=F("booked_minutes") - booking.minutes
    )
    capacity_give_back(minutes_by_day={booking.capacity_day_id: booking.minutes})


def _new_number() -> str:
    return "BK-" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))
