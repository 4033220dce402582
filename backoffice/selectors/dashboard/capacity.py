"""Capacity measures: utilization per day and the share of orders routed to idle capacity.

Idle-capacity share: of the orders whose work got capacity reserved in the period, the share
with a work order that was the first booking of an otherwise idle capacity day: no other
reservation of that day was open when it was made (an earlier reservation, by id, that was
never released or was released after it).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Sum

from backoffice.selectors.dashboard.orders import Period, ratio
from production.models import CapacityDay, Factory

# One pass over the reservations of the capacity days booked in the period, in id order per
# day: a running "was any earlier booking still open?" replaces a lookup per reservation.
# Plain SQL the demo's SQLite runs as well (window functions, no PostgreSQL-only syntax).
IDLE_SQL = """
WITH booked_days AS (
    SELECT DISTINCT r.capacity_day_id FROM production_capacityreservation r {factory}
    WHERE r.created_at >= %(since)s AND r.created_at < %(until)s
), bookings AS (
    SELECT r.work_order_id, r.created_at,
        MAX(CASE WHEN r.released_at IS NULL THEN 1 ELSE 0 END) OVER earlier AS open_before,
        MAX(r.released_at) OVER earlier AS released_before
    FROM production_capacityreservation r
    WHERE r.capacity_day_id IN (SELECT capacity_day_id FROM booked_days)
    WINDOW earlier AS (
        PARTITION BY r.capacity_day_id ORDER BY r.id
        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
    )
), orders AS (
    SELECT w.order_id, MAX(CASE
        WHEN COALESCE(b.open_before, 0) = 0
         AND (b.released_before IS NULL OR b.released_before <= b.created_at) THEN 1
        ELSE 0 END) AS idle
    FROM bookings b JOIN production_workorder w ON w.id = b.work_order_id
    WHERE b.created_at >= %(since)s AND b.created_at < %(until)s
    GROUP BY w.order_id
)
SELECT COUNT(*), COALESCE(SUM(idle), 0) FROM orders
"""
FACTORY_DAYS = """
    JOIN production_capacityday d ON d.id = r.capacity_day_id AND d.factory_id = %(factory_id)s
"""


def idle_capacity_share(*, period: Period, factory: Factory | None = None) -> dict[str, Any]:
    """Orders booked in the period, those booked onto idle capacity, and the share; with a
    ``factory``, bookings of that factory's capacity only."""
    params = {
        "since": connection.ops.adapt_datetimefield_value(period.since),
        "until": connection.ops.adapt_datetimefield_value(period.until),
        "factory_id": factory.pk if factory is not None else None,
    }
    sql = IDLE_SQL.format(factory=FACTORY_DAYS if factory is not None else "")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        orders, idle = cursor.fetchone()
    return {"orders": orders, "idle": idle, "share": ratio(idle, orders)}


def utilization_per_day(
    *, period: Period, factory: Factory | None = None
) -> dict[date, float | None]:
    """Reserved / available minutes of each capacity day in the period."""
    days = CapacityDay.objects.filter(day__gte=period.start, day__lte=period.end)
    if factory is not None:
        days = days.filter(factory=factory)
    rows = days.values("day").annotate(
        reserved=Sum("reserved_minutes"), available=Sum("available_minutes")
    )
    return {r["day"]: ratio(r["reserved"], r["available"]) for r in rows}
