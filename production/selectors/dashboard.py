"""Work-order figures of the operators' dashboard, per factory and for the platform.

Definitions (also shown on the dashboard), over events in the period:
- Lead time per factory: from planning (the work order's creation, seconds after the order
  is paid) to its first ``shipped`` event; on time: first shipped on or before the due date.
- QC failure rate: ``qc_failed`` events / (``qc_passed`` + ``qc_failed``) events.
- Decline rate: ``declined`` events / ``offered`` events (the factory is in the event data).
- Re-route rate: offers of a work order that had been offered before (after a decline, an
  offer timeout or a manual re-route) / all offers.
- Utilization: reserved minutes / available minutes of the capacity days in the period.
- Idle-capacity share: of the orders whose work got capacity reserved in the period, the
  share with a work order that was the first booking of an otherwise idle capacity day:
  no other reservation of that day was open when it was made.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import connection
from django.db.models import (
    Avg,
    Count,
    DurationField,
    Exists,
    F,
    OuterRef,
    Q,
    Sum,
)
from django.db.models.fields.json import KT
from django.db.models.functions import TruncDate

from orders.selectors.dashboard import Percentile, Period, as_days, percentile_of, ratio
from production.models import (
    CapacityDay,
    CapacityReservation,
    Factory,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)

S = WorkOrderStatus
# The key of the platform-wide row in ``factory_figures``.
PLATFORM = "*"


def work_orders_per_day(*, period: Period, factory: Factory | None = None) -> dict:
    rows = WorkOrder.objects.filter(created_at__gte=period.since, created_at__lt=period.until)
    if factory is not None:
        rows = rows.filter(factory=factory)
    rows = rows.annotate(day=TruncDate("created_at")).values("day").annotate(n=Count("id"))
    return {r["day"]: r["n"] for r in rows}


def factory_figures(*, period: Period) -> dict[str, Any]:
    """Per factory code and for the platform (key ``PLATFORM``): every work-order measure."""
    events = WorkOrderEvent.objects.filter(
        created_at__gte=period.since, created_at__lt=period.until
    )
    figures: dict[Any, dict[str, Any]] = defaultdict(empty_figures)
    _routing(events, figures)
    _quality(events, figures)
    _shipping(events, figures)
    _utilization(period, figures)
    for row in figures.values():
        row["decline_rate"] = ratio(row["declined"], row["offered"])
        row["reroute_rate"] = ratio(row["reoffered"], row["offered"])
        row["qc_failure_rate"] = ratio(row["qc_failed"], row["qc_failed"] + row["qc_passed"])
        row["on_time_rate"] = ratio(row["on_time"], row["shipped"])
        row["utilization"] = ratio(row["reserved"], row["available"])
    return dict(figures)


def idle_capacity_share(*, period: Period) -> dict[str, Any]:
    booked = CapacityReservation.objects.filter(
        created_at__gte=period.since, created_at__lt=period.until
    )
    busy_before = CapacityReservation.objects.filter(
        capacity_day=OuterRef("capacity_day"), pk__lt=OuterRef("pk")
    ).filter(Q(released_at__isnull=True) | Q(released_at__gt=OuterRef("created_at")))
    figures = booked.aggregate(
        orders=Count("work_order__order_id", distinct=True),
        idle=Count(
            "work_order__order_id",
            distinct=True,
            filter=~Exists(busy_before),
        ),
    )
    return {**figures, "share": ratio(figures["idle"], figures["orders"])}


def empty_figures() -> dict[str, Any]:
    keys = ["offered", "reoffered", "declined", "qc_passed", "qc_failed", "shipped", "on_time"]
    return {
        **dict.fromkeys(keys, 0),
        "reserved": 0,
        "available": 0,
        "avg_lead_days": None,
        "p90_lead_days": None,
    }


def _add(figures: dict, code: str | None, key: str, value: Any) -> None:
    figures[code or "?"][key] += value or 0
    figures[PLATFORM][key] += value or 0


def _routing(events, figures: dict) -> None:
    earlier_offer = WorkOrderEvent.objects.filter(
        work_order=OuterRef("work_order"), type="offered", pk__lt=OuterRef("pk")
    )
    rows = (
        events.filter(type__in=["offered", "declined"])
        .values(code=KT("data__factory"))
        .annotate(
            offered=Count("id", filter=Q(type="offered")),
            reoffered=Count("id", filter=Q(type="offered") & Exists(earlier_offer)),
            declined=Count("id", filter=Q(type="declined")),
        )
    )
    for row in rows:
        for key in ("offered", "reoffered", "declined"):
            _add(figures, row["code"], key, row[key])


def _quality(events, figures: dict) -> None:
    rows = (
        events.filter(type__in=["qc_passed", "qc_failed"])
        .values(code=F("work_order__factory__code"))
        .annotate(
            qc_passed=Count("id", filter=Q(type="qc_passed")),
            qc_failed=Count("id", filter=Q(type="qc_failed")),
        )
    )
    for row in rows:
        _add(figures, row["code"], "qc_passed", row["qc_passed"])
        _add(figures, row["code"], "qc_failed", row["qc_failed"])


def _shipping(events, figures: dict) -> None:
    first = events.filter(type="shipped").exclude(from_status=S.SHIPPED)
    first = first.annotate(lead=F("created_at") - F("work_order__created_at"))
    aggregates = {
        "shipped": Count("id"),
        "on_time": Count("id", filter=Q(created_at__date__lte=F("work_order__due_date"))),
        "avg": Avg("lead", output_field=DurationField()),
    }
    postgres = connection.vendor == "postgresql"
    if postgres:
        aggregates["p90"] = Percentile("lead", 0.9, output_field=DurationField())
    grouped = first.values(code=F("work_order__factory__code")).annotate(**aggregates)
    total = first.aggregate(**aggregates)
    for code, row in [*((r["code"] or "?", r) for r in grouped), (PLATFORM, total)]:
        if not postgres:
            leads = sorted(
                (
                    first if code == PLATFORM else first.filter(work_order__factory__code=code)
                ).values_list("lead", flat=True)
            )
            row["p90"] = percentile_of(leads, 0.9)
        figures[code].update(
            shipped=row["shipped"],
            on_time=row["on_time"],
            avg_lead_days=as_days(row["avg"]),
            p90_lead_days=as_days(row["p90"]),
        )


def _utilization(period: Period, figures: dict) -> None:
    days = CapacityDay.objects.filter(day__gte=period.start, day__lte=period.end)
    rows = days.values(code=F("factory__code")).annotate(
        reserved=Sum("reserved_minutes"), available=Sum("available_minutes")
    )
    for row in rows:
        _add(figures, row["code"], "reserved", row["reserved"])
        _add(figures, row["code"], "available", row["available"])
