"""The capacity calendar: one ``CapacityDay`` per work-centre type and day, 60 days ahead.

Rows come from each work centre's published default, with nothing on weekends for
centres that do not work them and nothing on the plant's holidays and maintenance days.
Rows that already exist are never overwritten (a factory or an operator may have
published other minutes through the capacity API); a closure added later still closes
its day, down to the minutes already booked, which stay valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from production.models import CapacityClosure, CapacityDay, Factory, FactoryStatus

HORIZON_DAYS = 60


def capacity_materialize(
    *, factory_id: int, days: int = HORIZON_DAYS, start: date | None = None
) -> int:
    """Create the missing capacity rows of one factory; return how many were created.

    Idempotent: running it twice creates nothing the second time.
    """
    start = start or timezone.localdate()
    end = start + timedelta(days=days)
    with transaction.atomic():
        factory = Factory.objects.prefetch_related("work_centres").get(pk=factory_id)
        closures = {
            (c.day, c.centre_type): c
            for c in CapacityClosure.objects.filter(factory=factory, day__gte=start, day__lt=end)
        }
        rows = []
        for centre in factory.work_centres.all():
            for offset in range(days):
                day = start + timedelta(days=offset)
                closure = closures.get((day, "")) or closures.get((day, centre.type))
                weekend = day.weekday() >= 5 and not centre.works_weekends
                minutes = 0 if closure or weekend else centre.default_minutes_per_day
                rows.append(
                    CapacityDay(
                        factory=factory,
                        centre_type=centre.type,
                        day=day,
                        available_minutes=minutes,
                        note=_note(closure) if closure else ("weekend" if weekend else ""),
                    )
                )
        before = CapacityDay.objects.filter(factory=factory, day__gte=start, day__lt=end).count()
        CapacityDay.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
        created = (
            CapacityDay.objects.filter(factory=factory, day__gte=start, day__lt=end).count()
            - before
        )
        _apply_closures(factory, closures.values())
    return created


def capacity_materialize_all(*, days: int = HORIZON_DAYS) -> int:
    """``capacity_materialize`` for every factory not offboarded; rows created."""
    ids = Factory.objects.exclude(status=FactoryStatus.OFFBOARDED).values_list("pk", flat=True)
    return sum(capacity_materialize(factory_id=pk, days=days) for pk in ids)


def _note(closure: CapacityClosure) -> str:
    return (f"{closure.kind}: {closure.note}" if closure.note else closure.kind)[:100]


def _apply_closures(factory: Factory, closures: Iterable[CapacityClosure]) -> None:
    for closure in closures:
        match = Q(factory=factory, day=closure.day)
        if closure.centre_type:
            match &= Q(centre_type=closure.centre_type)
        # Booked minutes stay: the check constraint keeps available >= reserved.
        CapacityDay.objects.filter(match).exclude(note=_note(closure)).update(
            available_minutes=F("reserved_minutes"), note=_note(closure)
        )
