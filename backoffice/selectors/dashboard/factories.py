"""Work-order measures per factory (and summed for the platform), over events in the period.

- Lead time: from planning (the work order's creation, seconds after the order is paid) to
  its first ``shipped`` event; on time: first shipped on or before the due date.
- QC failure rate: ``qc_failed`` events / (``qc_passed`` + ``qc_failed``) events.
- Decline rate: ``declined`` events / ``offered`` events (the factory is in the event data).
- Re-route rate: offers of a work order that had been offered before (after a decline, an
  offer timeout or a manual re-route) / all offers.
- Utilization: reserved minutes / available minutes of the capacity days in the period.

QC and shipping count for the work order's factory (work cannot move once started); offers
and declines for the factory named in the event. Three grouped queries in all.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import (
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.fields.json import KT

from backoffice.selectors.dashboard.orders import Percentile, Period, as_days, percentile_of, ratio
from production.models import (
    CapacityDay,
    Factory,
    WorkOrderEvent,
    WorkOrderEventType,
    WorkOrderStatus,
)

# The key of the platform-wide row in ``factory_figures``.
PLATFORM = "*"
# The key of rows whose factory is unknown (events recorded without one).
UNKNOWN = "?"
COUNTS = ["offered", "reoffered", "declined", "qc_passed", "qc_failed", "shipped", "on_time"]
FIRST_SHIPMENT = Q(type=WorkOrderEventType.SHIPPED) & ~Q(from_status=WorkOrderStatus.SHIPPED)


def factory_figures(*, period: Period, factory: Factory | None = None) -> dict[str, Any]:
    """Every work-order measure by factory code, plus the platform row (key ``PLATFORM``)
    when no ``factory`` is given; with one, only that factory's row.

    The platform row sums the counts and minutes; its average lead time is over all first
    shipments, and it has no p90 (the platform's lead time is the order's, from placing).
    """
    events = WorkOrderEvent.objects.filter(
        created_at__gte=period.since, created_at__lt=period.until
    )
    codes: dict[int | None, str] = dict(Factory.objects.values_list("id", "code"))
    rows: dict[str, dict[str, Any]] = defaultdict(empty_figures)
    if factory is not None:
        rows[factory.code] = empty_figures()  # its row, even without activity
    for row in _routing(events, factory):
        _add(rows[row["code"] or UNKNOWN], row, ["offered", "reoffered", "declined"])
    for factory_id, work in _work(events, factory).items():
        row = rows[codes.get(factory_id, UNKNOWN)]
        _add(row, work, ["qc_passed", "qc_failed", "shipped", "on_time", "lead_total"])
        row["p90_lead_days"] = as_days(work["p90"])
    for row in _utilization(period, factory):
        _add(rows[codes.get(row["factory_id"], UNKNOWN)], row, ["reserved", "available"])
    if factory is None:
        platform = empty_figures()
        for row in rows.values():
            _add(platform, row, [*COUNTS, "reserved", "available", "lead_total"])
        rows[PLATFORM] = platform
    for row in rows.values():
        _rates(row)
    return dict(rows)


def empty_figures() -> dict[str, Any]:
    return {
        **dict.fromkeys(COUNTS, 0),
        "reserved": 0,
        "available": 0,
        "lead_total": timedelta(0),
        "avg_lead_days": None,
        "p90_lead_days": None,
    }


def _add(row: dict[str, Any], values: dict[str, Any], keys: list[str]) -> None:
    for key in keys:
        if values[key] is not None:  # a sum over no rows
            row[key] += values[key]


def _rates(row: dict[str, Any]) -> None:
    row["decline_rate"] = ratio(row["declined"], row["offered"])
    row["reroute_rate"] = ratio(row["reoffered"], row["offered"])
    row["qc_failure_rate"] = ratio(row["qc_failed"], row["qc_failed"] + row["qc_passed"])
    row["on_time_rate"] = ratio(row["on_time"], row["shipped"])
    row["utilization"] = ratio(row["reserved"], row["available"])
    if row["shipped"]:
        row["avg_lead_days"] = as_days(row["lead_total"] / row["shipped"])


def _routing(events: QuerySet, factory: Factory | None) -> QuerySet:
    """Offers, re-offers and declines by the factory named in the event."""
    earlier_offer = WorkOrderEvent.objects.filter(
        work_order=OuterRef("work_order"), type=WorkOrderEventType.OFFERED, pk__lt=OuterRef("pk")
    )
    rows = events.filter(type__in=[WorkOrderEventType.OFFERED, WorkOrderEventType.DECLINED])
    if factory is not None:
        rows = rows.filter(data__factory=factory.code)
    return rows.values(code=KT("data__factory")).annotate(
        offered=Count("id", filter=Q(type=WorkOrderEventType.OFFERED)),
        reoffered=Count("id", filter=Q(type=WorkOrderEventType.OFFERED) & Q(Exists(earlier_offer))),
        declined=Count("id", filter=Q(type=WorkOrderEventType.DECLINED)),
    )


def _work(events: QuerySet, factory: Factory | None) -> dict[int | None, dict[str, Any]]:
    """QC results, first shipments, on-time shipments and lead times by factory id."""
    rows = events.filter(
        type__in=[
            WorkOrderEventType.QC_PASSED,
            WorkOrderEventType.QC_FAILED,
            WorkOrderEventType.SHIPPED,
        ]
    )
    if factory is not None:
        rows = rows.filter(work_order__factory=factory)
    rows = rows.annotate(
        lead=ExpressionWrapper(
            F("created_at") - F("work_order__created_at"), output_field=DurationField()
        )
    )
    # Counting work_order_id rather than id: the events then come from the index alone.
    aggregates = {
        WorkOrderEventType.QC_PASSED: Count(
            "work_order", filter=Q(type=WorkOrderEventType.QC_PASSED)
        ),
        WorkOrderEventType.QC_FAILED: Count(
            "work_order", filter=Q(type=WorkOrderEventType.QC_FAILED)
        ),
        "shipped": Count("work_order", filter=FIRST_SHIPMENT),
        "on_time": Count(
            "work_order", filter=FIRST_SHIPMENT & Q(created_at__date__lte=F("work_order__due_date"))
        ),
        "lead_total": Sum("lead", filter=FIRST_SHIPMENT),
    }
    postgres = connection.vendor == "postgresql"
    if postgres:
        aggregates["p90"] = Percentile(
            "lead", 0.9, filter=FIRST_SHIPMENT, output_field=DurationField()
        )
    grouped = rows.values("work_order__factory_id").annotate(**aggregates)
    figures = {row.pop("work_order__factory_id"): row for row in grouped}
    if not postgres:  # the SQLite demo: few rows, so Python will do
        leads = defaultdict(list)
        for factory_id, lead in rows.filter(FIRST_SHIPMENT).values_list(
            "work_order__factory_id", "lead"
        ):
            leads[factory_id].append(lead)
        for factory_id, row in figures.items():
            row["p90"] = percentile_of(sorted(leads[factory_id]), 0.9)
    return figures


def _utilization(period: Period, factory: Factory | None) -> QuerySet:
    days = CapacityDay.objects.filter(day__gte=period.start, day__lte=period.end)
    if factory is not None:
        days = days.filter(factory=factory)
    return days.values("factory_id").annotate(
        reserved=Sum("reserved_minutes"), available=Sum("available_minutes")
    )
