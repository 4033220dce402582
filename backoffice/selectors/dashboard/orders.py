"""Order-side figures of the operators' dashboard, aggregated in the database.

Definitions (also shown on the dashboard):
- An order counts from its ``created_at`` ("placed"); orders still awaiting payment and
  cancelled orders are left out of revenue and repurchase figures.
- Lead time: from ``created_at`` to the order's ``shipped`` timeline event (every parcel
  out); on time: shipped on or before the promised date. Orders shipped in the period.
- Service revenue share: price-breakdown entries of kind ``service`` over the total of
  orders placed in the period. Per-unit entries count × quantity, others once per line.
- Repurchase rate: of the customers (distinct e-mail addresses, case-insensitive) who
  placed an order in the period, the share with an order in the period placed within 12
  months after an earlier order of theirs (the earlier one may precede the period).
  (docs/measures.md has every measure's definition.)

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

from orders.models import Order, OrderEvent, OrderLine, OrderStatus
from orders.models.order_status import NOT_SALES

# The price-breakdown kind of a sellable service (design help, gift wrap, installation...);
# customisation surcharges are part of the goods, not services.
SERVICE_KIND = "service"
CENT = Decimal("0.01")
# "Ordered again": within this long after an earlier order.
REPURCHASE_WINDOW = timedelta(days=365)


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
    """Revenue of paid services, total revenue and the share, of orders placed.

    Services are price-breakdown entries of kind ``service`` (``SERVICE_KIND``); a per-unit
    entry counts × the line's quantity, one with ``"per_unit": false`` once. Read in Python
    from the lines' stored breakdowns, so SQLite and PostgreSQL give the same figure.
    """
    sales = _placed(period, order_ids).exclude(status__in=NOT_SALES)
    # Cents always: SQLite's sum comes back as 9207, PostgreSQL's as 9207.00.
    total = (sales.aggregate(total=Sum("total"))["total"] or Decimal("0")).quantize(CENT)
    service = Decimal("0.00")
    # Ids fetched first: a subquery nested in the plant's own subquery is planned badly.
    lines = OrderLine.objects.filter(order__in=list(sales.values_list("id", flat=True)))
    for quantity, breakdown in lines.values_list("quantity", "price_breakdown").iterator():
        service += line_service_fees(quantity=quantity, breakdown=breakdown)
    return {"service": service.quantize(CENT), "total": total, "share": ratio(service, total)}


def line_service_fees(*, quantity: int, breakdown: Any) -> Decimal:
    """The service part of one order line's stored price breakdown (malformed entries,
    which no checkout writes, count nothing)."""
    fees = Decimal("0")
    for item in breakdown if isinstance(breakdown, list) else []:
        if not isinstance(item, dict) or item.get("kind") != SERVICE_KIND:
            continue
        try:
            amount = Decimal(str(item.get("amount")))
        except ArithmeticError:
            continue
        if not amount.is_finite():
            continue
        per_unit = item.get("per_unit") not in (False, "false")
        fees += amount * quantity if per_unit else amount
    return fees


def repurchase(*, period: Period, order_ids: QuerySet | None = None) -> dict[str, Any]:
    """Of the customers who placed an order in the period, those who ordered again: one of
    their orders in the period came within ``REPURCHASE_WINDOW`` after an earlier order of
    theirs (which may be before the period). Customers are e-mail addresses, compared
    case-insensitively; unpaid and cancelled orders do not count."""
    in_period = _placed(period, order_ids).exclude(status__in=NOT_SALES)
    # Fetched first, like the ids below: nested subqueries are planned badly.
    emails = set(in_period.annotate(address=Lower("email")).values_list("address", flat=True))
    history = (
        Order.objects.exclude(status__in=NOT_SALES)
        .annotate(address=Lower("email"))
        .filter(
            address__in=list(emails),
            created_at__gte=period.since - REPURCHASE_WINDOW,
            created_at__lt=period.until,
        )
        .order_by("address", "created_at")
        .values_list("address", "created_at", "id")
    )
    counted = set(in_period.values_list("id", flat=True)) if order_ids is not None else None
    customers: set[str] = set()
    repeat: set[str] = set()
    last: dict[str, datetime] = {}
    for address, placed, order_id in history.iterator():
        mine = placed >= period.since and (counted is None or order_id in counted)
        if mine:
            customers.add(address)
            if address in last and placed - last[address] <= REPURCHASE_WINDOW:
                repeat.add(address)
        last[address] = placed
    return {
        "customers": len(customers),
        "repeat": len(repeat),
        "rate": ratio(len(repeat), len(customers)),
    }


def _placed(period: Period, order_ids: QuerySet | None) -> QuerySet:
    orders = Order.objects.filter(created_at__gte=period.since, created_at__lt=period.until)
    return orders if order_ids is None else orders.filter(id__in=order_ids)


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
