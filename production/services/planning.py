"""Compiling paid orders into work orders: one set per order line, whatever the broker does."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from cachetools import LRUCache, cached
from django.db import transaction
from django.utils import timezone

from c2m.errors import ApplicationError, Conflict
from c2m.scheduling import task_enqueue
from orders.services.production_feedback import (
    PlanningLine,
    PlanningRequest,
    order_planning_done,
    order_planning_reopen,
    planning_requests_lock,
)
from production.models import (
    ProductionException,
    ProductionExceptionKind,
    Recipe,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderEventType,
    WorkOrderStatus,
)
from production.recipes import (
    CompiledRecipe,
    RecipeError,
    recipe_compile,
    with_service_operations,
    work_order_compile,
)
from production.services.exceptions import (
    production_exception_record,
    production_exception_resolve,
)
from production.task_names import GENERATE_PRODUCTION_FILES, ROUTE_WORK_ORDERS

logger = logging.getLogger(__name__)

PLANNER = "system:planner"


@dataclass
class PlanningOutcome:
    created: list[int] = field(default_factory=list)
    # Orders that failed permanently, by order id: (order number, error).
    failed: dict[int, tuple[str, ApplicationError]] = field(default_factory=dict)


def orders_plan(*, message_ids: Sequence[int]) -> list[int]:
    """Create the work orders of the orders behind these planning messages.

    Returns the ids of the work orders created now: empty when every message had already
    been planned, so a message delivered twice creates nothing twice. The messages are
    acknowledged in the same transaction as the work orders are written. An order that
    cannot be planned (no recipe, a formula that fails on its configuration) is recorded
    in the exception list and acknowledged, without holding back the rest of the batch.
    Database errors propagate (transient: the task retries, the outbox resends).
    """
    return _plan(message_ids).created


def planning_exception_retry(*, exception_id: int, actor: str) -> PlanningOutcome:
    """Plan again the order behind an open planning exception, now, in this process.

    On success the exception is resolved by ``actor``; if the order still fails, the same
    exception gets the new error and one more attempt. Raises ``Conflict`` when the
    exception is resolved already or is not a planning exception.
    """
    with transaction.atomic():
        exception = ProductionException.objects.select_for_update().get(pk=exception_id)
        if exception.kind != ProductionExceptionKind.PLANNING or exception.resolved_at:
            raise Conflict("This exception is not an open planning exception.", code="not_open")
        data = exception.data
        message_ids = data.get("message_ids") or [data["message_id"]]
        order_planning_reopen(message_ids=message_ids)
        outcome = _plan(message_ids)
        if not outcome.failed:
            production_exception_resolve(exception_id=exception.pk, actor=actor)
        if outcome.created:
            task_enqueue(ROUTE_WORK_ORDERS, args=[outcome.created])
    return outcome


def _plan(message_ids: Sequence[int]) -> PlanningOutcome:
    outcome = PlanningOutcome()
    with transaction.atomic():
        requests = planning_requests_lock(message_ids=message_ids)
        if not requests:
            order_planning_done(message_ids=message_ids)
            return outcome
        lines = [line for request in requests for line in request["lines"]]
        recipes = recipes_for({line["product_sku"] for line in lines})
        # A set created by an earlier message for the same order is kept, not duplicated.
        planned = set(
            WorkOrder.objects.filter(order_line_id__in=[line["line_id"] for line in lines])
            .values_list("order_line_id", flat=True)
            .distinct()
        )
        work_orders: list[WorkOrder] = []
        today = timezone.localdate()
        for request in requests:
            try:
                work_orders.extend(
                    work_order_from_snapshot(request, line, recipes.get(line["product_sku"]), today)
                    for line in request["lines"]
                    if line["line_id"] not in planned
                )
            except ApplicationError as exc:
                outcome.failed[request["order_id"]] = (request["order_number"], exc)
            except Exception as exc:  # a pure computation: retrying cannot fix it
                logger.exception("planning %s failed", request["order_number"])
                error = ApplicationError(repr(exc), code="planning_error")
                outcome.failed[request["order_id"]] = (request["order_number"], error)
        created = WorkOrder.objects.bulk_create(work_orders)
        WorkOrderEvent.objects.bulk_create(
            WorkOrderEvent(
                work_order=wo,
                type=WorkOrderEventType.PLANNED,
                to_status=WorkOrderStatus.PENDING,
                actor=PLANNER,
            )
            for wo in created
        )
        for request in requests:
            if request["order_id"] in outcome.failed:
                number, error = outcome.failed[request["order_id"]]
                production_exception_record(
                    kind=ProductionExceptionKind.PLANNING,
                    reference=number,
                    code=error.code,
                    error=_describe(error),
                    data={"message_id": request["message_id"], "order_id": request["order_id"]},
                )
        order_planning_done(message_ids=message_ids)
        if created:
            task_enqueue(GENERATE_PRODUCTION_FILES, args=[[wo.pk for wo in created]])
            numbers = sorted({r["order_number"] for r in requests} - set(outcome.failed))
            logger.info("planned %d work orders for %s", len(created), ", ".join(numbers))
    outcome.created = [wo.pk for wo in created]
    return outcome


def recipes_for(skus: Iterable[str]) -> dict[str, CompiledRecipe | RecipeError]:
    return {
        recipe.product_sku: _compiled(recipe)
        for recipe in Recipe.objects.filter(product_sku__in=set(skus))
    }


# Compiled recipes by (sku, version, updated_at): compiling is cheap, but planning 10,000
# orders should not compile the same four recipes 10,000 times.
@cached(
    LRUCache(maxsize=500),
    key=lambda recipe: (recipe.product_sku, recipe.version, recipe.updated_at),
    lock=threading.Lock(),
)
def _compiled(recipe: Recipe) -> CompiledRecipe | RecipeError:
    """The recipe compiled, or the error its spec has (kept too: it is as lasting)."""
    try:
        return recipe_compile(recipe.spec())
    except RecipeError as exc:
        return exc


def work_order_from_snapshot(
    request: PlanningRequest,
    line: PlanningLine,
    recipe: CompiledRecipe | RecipeError | None,
    today: date,
) -> WorkOrder:
    if recipe is None:
        raise RecipeError(
            f"There is no recipe for {line['product_sku']}.",
            code="recipe_missing",
            errors={"product_sku": [line["product_sku"]]},
        )
    if isinstance(recipe, RecipeError):
        raise recipe
    compiled = work_order_compile(
        recipe,
        configuration=line["configuration"],
        quantity=line["quantity"],
        batch_key=line["configuration_hash"],
    )
    # Gift wrapping, assembly: paid services the plant performs are steps of the job.
    compiled = with_service_operations(compiled, line.get("plant_services") or [], line["quantity"])
    # Due when the customer was promised it: the work's delivery date is the sold promise.
    promised = request["promised_date"]
    due = date.fromisoformat(promised) if promised else today + timedelta(days=recipe.lead_days)
    # Express production bought the line its own, earlier date (a reprint of it long after
    # is made at the claim's pace).
    sold_by = line.get("due_date")
    express_due = date.fromisoformat(sold_by) if sold_by else None
    express = bool(line.get("express")) and express_due is not None and express_due >= today
    if express and express_due is not None:
        due = min(due, express_due)
    delivery = {"promised_date": promised, **request.get("delivery", {})}
    return WorkOrder(
        number=f"WO-{request['order_number'][4:]}-{line['line_no']}",
        order_id=request["order_id"],
        order_number=request["order_number"],
        order_line_id=line["line_id"],
        product_sku=line["product_sku"],
        product_name=line["product_name"],
        quantity=line["quantity"],
        due_date=due,
        express=express,
        required_capabilities=compiled["capabilities"],
        ship_to=request["ship_to"],
        content_hash=line["configuration_hash"],
        snapshot={
            "configuration": line["configuration"],
            "configuration_summary": line["configuration_summary"],
            "artwork_preflight": line["artwork_preflight"],
            **compiled,
            "delivery": delivery,
        },
    )


def _describe(error: ApplicationError) -> str:
    details = "; ".join(f"{k}: {', '.join(map(str, v))}" for k, v in error.errors.items())
    return f"{error.detail} {details}".strip()
