"""The dashboard's figures, for the platform or for one factory.

For one factory the figures are narrowed to that factory: the orders it worked on (a work
order of theirs is now held by it), its work orders, its offers, declines and re-routes,
its QC results and shipments, the lead time and on-time rate of its work orders (planning to
first shipment, against the due date), and its capacity. Definitions are in the modules
below and in ``backoffice.selectors.dashboard.orders``; the page shows them too.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from backoffice.selectors.dashboard import orders as order_figures
from backoffice.selectors.dashboard.capacity import idle_capacity_share, utilization_per_day
from backoffice.selectors.dashboard.factories import (
    PLATFORM,
    UNKNOWN,
    empty_figures,
    factory_figures,
)
from backoffice.selectors.dashboard.orders import Period, ratio
from backoffice.selectors.dashboard.volume import orders_worked_by, work_orders_per_day
from production.models import Factory

__all__ = [
    "PLATFORM",
    "UNKNOWN",
    "dashboard_figures",
    "empty_figures",
    "factory_figures",
    "idle_capacity_share",
    "orders_worked_by",
    "utilization_per_day",
    "work_orders_per_day",
]


def dashboard_figures(
    period: Period, factory: Factory | None = None, *, commercial: bool = True
) -> dict[str, Any]:
    """Everything the dashboard shows, for the platform or for ``factory``.

    ``commercial=False`` leaves out revenue and repurchase (prices and customers are the
    platform's business, not a plant's): they come back as None. Ten aggregate queries
    (seven without the commercial ones) and a lookup of factory codes.
    """
    orders = orders_worked_by(factory) if factory is not None else None
    with analytics_queries():
        factories = factory_figures(period=period, factory=factory)
        figures: dict[str, Any] = {
            "factory": factory,
            "orders_per_day": order_figures.orders_per_day(period=period, order_ids=orders),
            "work_orders_per_day": work_orders_per_day(period=period, factory=factory),
            "idle": idle_capacity_share(period=period, factory=factory),
            "factories": factories,
            "revenue": None,
            "repurchase": None,
        }
        if factory is None:
            figures["lead"] = order_figures.order_lead_times(period=period)
        else:
            figures["lead"] = _work_order_lead(factories[factory.code])
            figures["utilization_per_day"] = utilization_per_day(period=period, factory=factory)
        if commercial:
            figures["revenue"] = order_figures.service_revenue(period=period, order_ids=orders)
            figures["repurchase"] = order_figures.repurchase(period=period, order_ids=orders)
    return figures


@contextmanager
def analytics_queries() -> Iterator[None]:
    """A transaction tuned for a few large aggregates on PostgreSQL.

    JIT compilation cost 100-200 ms per year-long query here, more than running it; sorts
    for the percentiles fit in memory; and parallel workers would only compete with the
    web requests on a small machine (the queries are sized to run on one core).
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET LOCAL jit = off; SET LOCAL work_mem = '64MB';"
                    " SET LOCAL max_parallel_workers_per_gather = 0"
                )
        yield


def _work_order_lead(row: dict[str, Any]) -> dict[str, Any]:
    """A factory's lead-time figures in the shape of the platform's order lead times."""
    return {
        "count": row["shipped"],
        "avg_days": row["avg_lead_days"],
        "p90_days": row["p90_lead_days"],
        "on_time": row["on_time"],
        "on_time_rate": ratio(row["on_time"], row["shipped"]),
    }
