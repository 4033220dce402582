"""A plant publishing idle capacity on the exchange, and withdrawing it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from c2m.db import lock_one
from c2m.errors import ApplicationError, NotFound
from production.models import CapacityOffer, Factory, WorkCentre
from production.selectors.capacity import capacity_window
from production.services.capacity_calendar import capacity_materialize

MAX_PRICE_PER_MINUTE = Decimal("100000")


def capacity_offer_publish(
    *,
    factory: Factory,
    centre_type: str,
    first_day: date,
    last_day: date,
    minutes: int,
    price_per_minute: Decimal,
    minimum_minutes: int = 1,
    today: date | None = None,
) -> CapacityOffer:
    """Offer ``minutes`` of idle ``centre_type`` time between the two days (inclusive) at
    ``price_per_minute`` in the plant's payout currency; each booking takes at least
    ``minimum_minutes`` of one day.

    Raises ``ApplicationError`` (400, ``invalid_offer``) naming each bad field: an unknown
    work-centre type, days outside the 60-day calendar or out of order, minutes or price
    not positive, a minimum above the minutes. Makes sure the calendar has the range's days.
    """
    capacity_offer_check(
        factory=factory,
        centre_type=centre_type,
        first_day=first_day,
        last_day=last_day,
        minutes=minutes,
        price_per_minute=price_per_minute,
        minimum_minutes=minimum_minutes,
        today=today,
    )
    with transaction.atomic():
        offer = CapacityOffer.objects.create(
            factory=factory,
            centre_type=centre_type,
            first_day=first_day,
            last_day=last_day,
            minutes=minutes,
            minimum_minutes=minimum_minutes,
            price_per_minute=price_per_minute,
            currency=factory.payout_currency,
        )
        capacity_materialize(
            factory_id=factory.pk, start=first_day, days=(last_day - first_day).days + 1
        )
    return offer


def capacity_offer_check(
    *,
    factory: Factory,
    centre_type: str,
    first_day: date,
    last_day: date,
    minutes: int,
    price_per_minute: Decimal,
    minimum_minutes: int,
    today: date | None = None,
) -> None:
    """Raise ``ApplicationError`` (400, ``invalid_offer``) naming each field an offer with
    these terms would get wrong (see ``capacity_offer_publish``); the admin's form asks it
    before publishing."""
    first, last = capacity_window(today=today)
    errors: dict[str, list[str]] = {}
    if not WorkCentre.objects.filter(factory=factory, type=centre_type).exists():
        errors["centre_type"] = [f"This factory runs no {centre_type!r} work centre."]
    if not first <= first_day <= last:
        errors["first_day"] = [f"Must be between {first} and {last}."]
    if not first <= last_day <= last:
        errors["last_day"] = [f"Must be between {first} and {last}."]
    elif last_day < first_day:
        errors["last_day"] = ["Must not be before first_day."]
    if minutes < 1:
        errors["minutes"] = ["Must be at least 1."]
    if not 1 <= minimum_minutes <= max(minutes, 1):
        errors["minimum_minutes"] = ["Must be between 1 and minutes."]
    if not Decimal("0") < price_per_minute < MAX_PRICE_PER_MINUTE:
        errors["price_per_minute"] = ["Must be above 0 and below 100000."]
    if errors:
        raise ApplicationError(
            "The offer cannot be published.", code="invalid_offer", errors=errors
        )


def capacity_offer_withdraw(*, offer_id: int, factory_id: int) -> CapacityOffer:
    """Take the offer off the exchange: nothing more can be booked from it; bookings
    already made stay (the plant still confirms or declines them). Idempotent. Raises
    ``NotFound`` for another factory's offer."""
    with transaction.atomic():
        try:
            offer = lock_one(CapacityOffer.objects, pk=offer_id, factory_id=factory_id)
        except CapacityOffer.DoesNotExist:
            raise NotFound("No such offer.", code="offer_not_found") from None
        if offer.withdrawn_at is None:
            offer.withdrawn_at = timezone.now()
            offer.save(update_fields=["withdrawn_at"])
    return offer
