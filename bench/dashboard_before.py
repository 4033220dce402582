"""The dashboard's queries as they were before the per-factory view and the speed work
(commit b862f6a), kept for bench/dashboard_bench.py to compare against. Not used by the app.
"""

# ruff: noqa
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Avg, Count, DurationField, Exists, F, OuterRef, Q, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import TruncDate

from orders.models import Order, OrderEvent, OrderStatus
from backoffice.selectors.dashboard.orders import (
    NOT_SALES,
    Percentile,
    Period,
    as_days,
    percentile_of,
    ratio,
)

# The kinds the dashboard counted as services before (kept here: this is the old code).
SERVICE_KINDS = ("service", "customization", "design", "per_character", "setup_fee", "surcharge")

from production.models import (
    CapacityDay,
    CapacityReservation,
    Factory,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)

S = WorkOrderStatus
PLATFORM = "*"


def dashboard_figures(period: Period) -> dict:
    return {
        "orders_per_day": orders_per_day(period=period),
        "work_orders_per_day": work_orders_per_day(period=period),
        "lead": order_lead_times(period=period),
        "revenue": service_revenue(period=period),
        "repurchase": repurchase(period=period),
        "idle": idle_capacity_share(period=period),
        "factories": factory_figures(period=period),
    }


def orders_per_day(*, period: Period) -> dict[date, int]:
    rows = (
        Order.objects.filter(created_at__gte=period.since, created_at__lt=period.until)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("id"))
    )
    return {r["day"]: r["n"] for r in rows}


def order_lead_times(*, period: Period) -> dict[str, Any]:
    """Orders shipped in the period: count, average and p90 lead time (days), on-time count."""
    shipped = OrderEvent.objects.filter(
        to_status=OrderStatus.SHIPPED, created_at__gte=period.since, created_at__lt=period.until
    ).annotate(lead=F("created_at") - F("order__created_at"))
    figures = shipped.aggregate(
        count=Count("id"),
        avg=Avg("lead", output_field=DurationField()),
        on_time=Count("id", filter=Q(created_at__date__lte=F("order__promised_date"))),
    )
    if connection.vendor == "postgresql":
        p90 = shipped.aggregate(p90=Percentile("lead", 0.9, output_field=DurationField()))["p90"]
    else:  # the SQLite demo: few rows, so Python will do
        leads = sorted(shipped.values_list("lead", flat=True))
        p90 = percentile_of(leads, 0.9)
    return {
        "count": figures["count"],
        "avg_days": as_days(figures["avg"]),
        "p90_days": as_days(p90),
        "on_time": figures["on_time"],
        "on_time_rate": ratio(figures["on_time"], figures["count"]),
    }


def service_revenue(*, period: Period) -> dict[str, Any]:
    """Service and customization fees, total revenue and the share, of orders placed."""
    orders = Order.objects.filter(
        created_at__gte=period.since, created_at__lt=period.until
    ).exclude(status__in=NOT_SALES)
    total = orders.aggregate(total=Sum("total"))["total"] or Decimal("0")
    service = _service_fees(period) if connection.vendor == "postgresql" else Decimal("0")
    return {"service": service, "total": total, "share": ratio(service, total)}


def repurchase(*, period: Period) -> dict[str, Any]:
    sql = """
        SELECT COUNT(*), COUNT(*) FILTER (WHERE n >= 2) FROM (
            SELECT LOWER(email), COUNT(*) AS n FROM orders_order
            WHERE created_at >= %s AND created_at < %s AND status NOT IN (%s, %s)
            GROUP BY LOWER(email)
        ) AS customers
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [period.since, period.until, *NOT_SALES])
        customers, repeat = cursor.fetchone()
    return {"customers": customers, "repeat": repeat, "rate": ratio(repeat, customers)}


def _service_fees(period: Period) -> Decimal:
    sql = """
        SELECT COALESCE(SUM((item->>'amount')::numeric * CASE
            WHEN item->>'per_unit' = 'false' THEN 1 ELSE line.quantity END), 0)
        FROM orders_orderline AS line
        JOIN orders_order AS o ON o.id = line.order_id
        CROSS JOIN LATERAL jsonb_array_elements(
            CASE WHEN jsonb_typeof(line.price_breakdown) = 'array'
                 THEN line.price_breakdown ELSE '[]'::jsonb END
        ) AS item
        WHERE o.created_at >= %s AND o.created_at < %s AND o.status NOT IN (%s, %s)
          AND jsonb_typeof(item) = 'object'
          AND (item->>'amount') ~ '^-?[0-9]+(\\.[0-9]+)?$'
          AND item->>'kind' = ANY(%s)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [period.since, period.until, *NOT_SALES, list(SERVICE_KINDS)])
        return Decimal(cursor.fetchone()[0])


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
