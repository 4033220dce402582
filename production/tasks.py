"""Celery tasks: thin, idempotent wrappers that pass ids and re-fetch."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError

from production.services.planning import orders_plan
from production.services.production_files import work_order_files_generate
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
    return work_orders_route(work_order_ids=work_order_ids)


@shared_task(
    name="production.generate_production_files",
    autoretry_for=TRANSIENT,
    retry_backoff=True,
    retry_backoff_max=300,
    max_retries=8,
)
def generate_production_files(work_order_ids: list[int]) -> int:
    """Print files, text files and job tickets of these work orders; idempotent."""
    return sum(
        len(work_order_files_generate(work_order_id=work_order_id))
        for work_order_id in work_order_ids
    )
