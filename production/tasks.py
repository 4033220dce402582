"""Celery tasks: thin, idempotent wrappers that pass ids and re-fetch."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from production.services.capacity_calendar import capacity_materialize_all
from production.services.factory_quality import factory_quality_refresh_all
from production.services.offers import offers_expire, work_orders_flag_late
from production.services.planning import orders_plan
from production.services.routing import work_orders_route

TRANSIENT = (OperationalError, ConnectionError)


@shared_task(
    name="production.plan_orders",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def plan_orders(message_ids: list[int]) -> int:
    created = orders_plan(message_ids=message_ids)
    if created:
        route_work_orders.delay_on_commit(created)
    return len(created)


@shared_task(
    name="production.route_work_orders",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    max_retries=8,
)
def route_work_orders(work_order_ids: list[int]) -> dict[str, int]:
    """Route these work orders together with everything else still pending."""
    return work_orders_route(work_order_ids=work_order_ids, include_pending=True)


@shared_task(name="production.route_pending", autoretry_for=TRANSIENT, max_retries=3)
def route_pending() -> dict[str, int]:
    """Periodic sweep: work left pending or unroutable by earlier runs gets another try."""
    return work_orders_route(include_pending=True)


@shared_task(name="production.expire_offers", autoretry_for=TRANSIENT, max_retries=3)
def expire_offers() -> int:
    expired = offers_expire()
    if expired:
        route_work_orders.delay_on_commit(expired)
    return len(expired)


@shared_task(name="production.flag_late_work", autoretry_for=TRANSIENT, max_retries=3)
def flag_late_work() -> int:
    return len(work_orders_flag_late())


@shared_task(name="production.materialize_capacity", autoretry_for=TRANSIENT, max_retries=3)
def materialize_capacity() -> int:
    return capacity_materialize_all()


@shared_task(name="production.refresh_factory_quality", autoretry_for=TRANSIENT, max_retries=3)
def refresh_factory_quality() -> int:
    return factory_quality_refresh_all()
