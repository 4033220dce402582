"""How much work came in: work orders planned per day, and the orders a factory worked on."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDate

from backoffice.selectors.dashboard.orders import Period
from production.models import Factory, WorkOrder


def work_orders_per_day(*, period: Period, factory: Factory | None = None) -> dict[date, int]:
    """Work orders planned on each day of the period; with a ``factory``, those it now holds."""
    rows = WorkOrder.objects.filter(created_at__gte=period.since, created_at__lt=period.until)
    if factory is not None:
        rows = rows.filter(factory=factory)
    per_day = rows.annotate(day=TruncDate("created_at")).values("day").annotate(n=Count("*"))
    return {r["day"]: r["n"] for r in per_day}


def orders_worked_by(factory: Factory) -> QuerySet:
    """Ids of the orders with at least one work order now held by ``factory`` (a subquery)."""
    return WorkOrder.objects.filter(factory=factory).values("order_id")
