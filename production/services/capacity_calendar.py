"""Publishing a factory's capacity: the minutes it offers per work-centre type and day."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from c2m.errors import ApplicationError
from production.models import CapacityDay, Factory, WorkCentre


def capacity_day_publish(
    *, factory: Factory, centre_type: str, day: date, available_minutes: int
) -> CapacityDay:
    """Offer ``available_minutes`` on ``centre_type`` on ``day``; create the day if new.

    Raises ``ApplicationError`` (code ``below_reserved``) when fewer minutes than are
    already booked would be offered, and (code ``unknown_centre``) for a work-centre type
    the factory does not run.
    """
    if available_minutes < 0 or available_minutes > 24 * 60 * 100:
        raise ApplicationError("Enter a number of minutes from 0.", code="invalid_minutes")
    if not WorkCentre.objects.filter(factory=factory, type=centre_type).exists():
        raise ApplicationError(
            f"{factory.code} runs no '{centre_type}' work centre.", code="unknown_centre"
        )
    with transaction.atomic():
        capacity = _lock_or_create(factory, centre_type, day)
        if available_minutes < capacity.reserved_minutes:
            raise ApplicationError(
                f"{centre_type} on {day.isoformat()}: {capacity.reserved_minutes} minutes are "
                f"already booked, so at least {capacity.reserved_minutes} must stay available.",
                code="below_reserved",
                extra={"reserved_minutes": capacity.reserved_minutes},
            )
        capacity.available_minutes = available_minutes
        capacity.save(update_fields=["available_minutes"])
    return capacity


def _lock_or_create(factory: Factory, centre_type: str, day: date) -> CapacityDay:
    rows = CapacityDay.objects.select_for_update()
    lookup = {"factory": factory, "centre_type": centre_type, "day": day}
    capacity = rows.filter(**lookup).first()
    if capacity is None:
        try:
            with transaction.atomic():
                capacity = CapacityDay.objects.create(**lookup)
        except IntegrityError:  # created meanwhile by the router or another editor
            capacity = rows.get(**lookup)
    return capacity
