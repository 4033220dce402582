"""A factory's capacity calendar as the factory API shows it."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from production.models import CapacityDay, Factory, WorkCentre

# How far ahead a factory publishes (and the API shows) its calendar.
HORIZON_DAYS = 60


def capacity_window(*, today: date | None = None) -> tuple[date, date]:
    """The first and last day a factory may publish: today and 59 days on."""
    today = today or timezone.localdate()
    return today, today + timedelta(days=HORIZON_DAYS - 1)


def capacity_calendar(*, factory: Factory, today: date | None = None) -> list[dict]:
    """Every work-centre type × day of the window; unpublished days show the default."""
    first, last = capacity_window(today=today)
    published = {
        (d.centre_type, d.day): d
        for d in CapacityDay.objects.filter(factory=factory, day__range=(first, last))
    }
    calendar = []
    for centre in WorkCentre.objects.filter(factory=factory).order_by("type"):
        for offset in range(HORIZON_DAYS):
            day = first + timedelta(days=offset)
            row = published.get((centre.type, day))
            default = 0 if day.weekday() >= 5 and not centre.works_weekends else None
            calendar.append(
                {
                    "centre_type": centre.type,
                    "day": day,
                    "available_minutes": row.available_minutes
                    if row
                    else (centre.default_minutes_per_day if default is None else 0),
                    "reserved_minutes": row.reserved_minutes if row else 0,
                    "note": row.note if row else "",
                    "published": row is not None,
                }
            )
    return calendar
