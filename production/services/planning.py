"""Compiling paid orders into work orders: one set per order line, whatever the broker does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db import transaction

from orders.services.production_feedback import (
    PlanningLine,
    PlanningRequest,
    order_planning_done,
    planning_requests_lock,
)
from production.models import Recipe, WorkOrder, WorkOrderEvent, WorkOrderStatus


def orders_plan(*, message_ids: Sequence[int]) -> list[int]:
    """Create the work orders of the orders behind these planning messages.

    Returns the ids of the work orders created now: empty when every message had already
    been planned, so a message delivered twice creates nothing twice. The messages are
    acknowledged in the same transaction as the work orders are written.
    """
    with transaction.atomic():
        requests = planning_requests_lock(message_ids=message_ids)
        recipes = {
            r.product_sku: r
            for r in Recipe.objects.filter(
                product_sku__in={line["product_sku"] for req in requests for line in req["lines"]}
            )
        }
        work_orders = [
            _work_order(request, line, recipes.get(line["product_sku"]))
            for request in requests
            for line in request["lines"]
        ]
        created = WorkOrder.objects.bulk_create(work_orders)
        WorkOrderEvent.objects.bulk_create(
            WorkOrderEvent(
                work_order=wo,
                type="planned",
                to_status=WorkOrderStatus.PENDING,
                actor="system:planner",
            )
            for wo in created
        )
        order_planning_done(message_ids=message_ids)
        if created:
            from production.tasks import generate_production_files  # tasks import this module

            generate_production_files.delay_on_commit([wo.pk for wo in created])
    return [wo.pk for wo in created]


def _work_order(request: PlanningRequest, line: PlanningLine, recipe: Recipe | None) -> WorkOrder:
    capabilities = sorted(recipe.capabilities) if recipe else []
    return WorkOrder(
        number=f"WO-{request['order_number'][4:]}-{line['line_no']}",
        order_id=request["order_id"],
        order_number=request["order_number"],
        order_line_id=line["line_id"],
        product_sku=line["product_sku"],
        product_name=line["product_name"],
        quantity=line["quantity"],
        due_date=date.fromisoformat(request["promised_date"]),
        required_capabilities=capabilities,
        ship_to=request["ship_to"],
        content_hash=line["configuration_hash"],
        snapshot={
            "configuration": line["configuration"],
            "configuration_summary": line["configuration_summary"],
            "bill_of_materials": recipe.bill_of_materials if recipe else [],
            "operations": recipe.operations if recipe else [],
            "files": [],
        },
    )
