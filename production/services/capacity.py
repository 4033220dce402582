"""A factory publishing how many minutes each of its work-centre types offers per day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from c2m.db import lock_many
from c2m.errors import ApplicationError, Conflict
from production.models import CapacityDay, Factory, WorkCentre
from production.selectors.capacity import capacity_window


@dataclass(frozen=True)
class CapacityChange:
    centre_type: str
    day: date
    available_minutes: int
    note: str | None = None


def capacity_publish(
    *, factory: Factory, changes: Sequence[CapacityChange], today: date | None = None
) -> list[CapacityDay]:
    """Set the available minutes (and note) of these days; create days not yet published.

    All or nothing. Raises ``ApplicationError`` (400) for an unknown work-centre type, a
    day outside the window or the same day twice, and ``Conflict`` (409,
    ``below_reserved``) when a day would offer fewer minutes than are already reserved.
    Locks the days in primary-key order, as the reservation service does.
    """
    first, last = capacity_window(today=today)
    types = set(WorkCentre.objects.filter(factory=factory).values_list("type", flat=True))
    errors: dict[str, list[str]] = {}
    seen: set[tuple[str, date]] = set()
    for index, change in enumerate(changes):
        problems = []
        if change.centre_type not in types:
            problems.append(f"Unknown work-centre type {change.centre_type!r} for this factory.")
        if not first <= change.day <= last:
            problems.append(f"Day must be between {first} and {last}.")
        if (change.centre_type, change.day) in seen:
            problems.append("The same work-centre type and day appear twice.")
        seen.add((change.centre_type, change.day))
        if problems:
            errors[str(index)] = problems
    if errors:
        raise ApplicationError(
            "Some days cannot be published.", code="invalid_capacity", errors=errors
        )
    with transaction.atomic():
        CapacityDay.objects.bulk_create(
            [CapacityDay(factory=factory, centre_type=c.centre_type, day=c.day) for c in changes],
            ignore_conflicts=True,
        )
        scope = CapacityDay.objects.filter(factory=factory)
        ids = _day_ids(scope, changes)
        days = {(d.centre_type, d.day): d for d in lock_many(scope, ids.values())}
        below = {}
        for index, change in enumerate(changes):
            day = days[(change.centre_type, change.day)]
            if change.available_minutes < day.reserved_minutes:
                below[str(index)] = [
                    f"{day.reserved_minutes} minutes are already reserved on {day.day}."
                ]
            day.available_minutes = change.available_minutes
            if change.note is not None:
                day.note = change.note
        if below:
            raise Conflict(
                "Available minutes cannot go below what is already reserved.",
                code="below_reserved",
                errors=below,
            )
        CapacityDay.objects.bulk_update(days.values(), ["available_minutes", "note"])
    return sorted(days.values(), key=lambda d: (d.day, d.centre_type))


def _day_ids(scope, changes: Sequence[CapacityChange]) -> dict[tuple[str, date], int]:
    wanted = {(c.centre_type, c.day) for c in changes}
    rows = scope.filter(
        centre_type__in={t for t, _ in wanted}, day__in={d for _, d in wanted}
    ).values_list("centre_type", "day", "pk")
    return {(t, d): pk for t, d, pk in rows if (t, d) in wanted}
