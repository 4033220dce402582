"""Order-side figures of the operators' dashboard, aggregated in the database.

Definitions (also shown on the dashboard):
- An order counts from its ``created_at`` ("placed"); orders still awaiting payment and
  cancelled orders are left out of revenue and repurchase figures.
- Lead time: from ``created_at`` to the order's ``shipped`` timeline event (every parcel
  out); on time: shipped on or before the promised date. Orders shipped in the period.
- Service revenue share: service and customization fees over the total of orders placed in
  the period. A price-breakdown line is a service fee when its ``kind`` is one of
  ``SERVICE_KINDS`` (per-character engraving/embroidery/monogram fees, set-up fees,
  surcharges, and lines marked service, customization or design). Per-unit lines count
  × quantity, set-up fees once per line.
- Repurchase rate: of the customers (distinct e-mail addresses, case-insensitive) who
  placed an order in the period, the share who placed two or more in the period.

Orders per day, service revenue and repurchase take an optional ``order_ids`` (a queryset of
order ids, e.g. the orders one factory worked on) to narrow them to those orders; the caller
builds it, so this module never needs to know about production.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Avg, Count, DurationField, F, Q, QuerySet, Sum
from django.db.models.functions import Lower, TruncDate
from django.utils import timezone

from orders.models import Order, OrderEvent, OrderStatus
from orders.models.order_status import NOT_SALES

# Price-breakdown kinds paid for a service rather than for goods: engraving, embroidery and
# monogram characters, set-up fees, print surcharges, and lines marked as services.
SERVICE_KINDS = ("service", "customization", "design", "per_character", "setup_fee", "surcharge")


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end`` inclusive, in the site's time zone."""

    start: date
    end: date

    @property
    def since(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def until(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def days(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]


class Percentile(Aggregate):
    """PostgreSQL's ``percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)``."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"

    def __init__(self, expression: Any, fraction: float, **extra: Any) -> None:
        super().__init__(expression, fraction=float(fraction), **extra)


def orders_per_day(*, period: Period, order_ids: QuerySet | None = None) -> dict[date, int]:
    rows = (
        _placed(period, order_ids)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("*"))
    )
    return {r["day"]: r["n"] for r in rows}


def order_lead_times(*, period: Period) -> dict[str, Any]:
    """Orders shipped in the period: count, average and p90 lead time (days), on-time count."""
    shipped = OrderEvent.objects.filter(
        to_status=OrderStatus.SHIPPED, created_at__gte=period.since, created_at__lt=period.until
    ).annotate(lead=F("created_at") - F("order__created_at"))
    aggregates = {
        "count": Count("id"),
        "avg": Avg("lead", output_field=DurationField()),
        "on_time": Count("id", filter=Q(created_at__date__lte=F("order__promised_date"))),
    }
    postgres = connection.vendor == "postgresql"
    if postgres:
        aggregates["p90"] = Percentile("lead", 0.9, output_field=DurationField())
    figures = shipped.aggregate(**aggregates)
    if not postgres:  # the SQLite demo: few rows, so Python will do
        figures["p90"] = percentile_of(sorted(shipped.values_list("lead", flat=True)), 0.9)
    return {
        "count": figures["count"],
        "avg_days": as_days(figures["avg"]),
        "p90_days": as_days(figures["p90"]),
        "on_time": figures["on_time"],
        "on_time_rate": ratio(figures["on_time"], figures["count"]),
    }


def service_revenue(*, period: Period, order_ids: QuerySet | None = None) -> dict[str, Any]:
    """Service and customization fees, total revenue and the share, of orders placed."""
    sales = _placed(period, order_ids).exclude(status__in=NOT_SALES)
    total = sales.aggregate(total=Sum("total"))["total"] or Decimal("0")
    service = Decimal("0")
    if connection.vendor == "postgresql":
        service = _service_fees(sales)
    return {"service": service, "total": total, "share": ratio(service, total)}


def repurchase(*, period: Period, order_ids: QuerySet | None = None) -> dict[str, Any]:
    customers = (
        _placed(period, order_ids)
        .exclude(status__in=NOT_SALES)
        .values(address=Lower("email"))
        .annotate(orders=Count("id"))
    )
    figures = customers.aggregate(
        customers=Count("address"), repeat=Count("address", filter=Q(orders__gte=2))
    )
    customers, repeat = figures["customers"], figures["repeat"]
    return {"customers": customers, "repeat": repeat, "rate": ratio(repeat, customers)}


def _placed(period: Period, order_ids: QuerySet | None) -> QuerySet:
    orders = Order.objects.filter(created_at__gte=period.since, created_at__lt=period.until)
    return orders if order_ids is None else orders.filter(id__in=order_ids)


def _service_fees(sales: QuerySet) -> Decimal:
    ids, params = sales.order_by().values("id").query.sql_with_params()
    sql = f"""
        SELECT COALESCE(SUM((item->>'amount')::numeric * CASE
            WHEN item->>'per_unit' = 'false' THEN 1 ELSE line.quantity END), 0)
        FROM orders_orderline AS line
        CROSS JOIN LATERAL jsonb_array_elements(
            CASE WHEN jsonb_typeof(line.price_breakdown) = 'array'
                 THEN line.price_breakdown ELSE '[]'::jsonb END
        ) AS item
        WHERE line.order_id IN ({ids})
          AND jsonb_typeof(item) = 'object'
          AND (item->>'amount') ~ '^-?[0-9]+(\\.[0-9]+)?$'
          AND item->>'kind' = ANY(%s)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, list(SERVICE_KINDS)])
        return Decimal(cursor.fetchone()[0])


def percentile_of(values: list, fraction: float) -> Any:
    if not values:
        return None
    position = (len(values) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def as_days(value: timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 86400, 2)


def ratio(part: Any, whole: Any) -> float | None:
    return None if not whole else round(float(part) / float(whole), 4)
