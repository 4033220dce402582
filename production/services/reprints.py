"""Retrying a claim's reprint from the exception list: plan it if it never was, then route
it, with the plant at fault still excluded."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from c2m.errors import ApplicationError, Conflict
from c2m.scheduling import task_enqueue
from production.models import (
    Factory,
    ProductionException,
    ProductionExceptionKind,
    WorkOrder,
)
from production.models.work_order_status import ROUTABLE
from production.services.claims import reprint_work_order_create
from production.services.exceptions import production_exception_resolve, reprint_exception_record
from production.services.routing import work_orders_route
from production.task_names import GENERATE_PRODUCTION_FILES


@dataclass(frozen=True)
class ReprintRetry:
    # The reprint's work order (None when it still cannot be planned).
    work_order: WorkOrder | None
    # True when it is offered to a plant now (the exception is resolved).
    routed: bool
    # Why not, for the operator, when it is not.
    error: str = ""


def reprint_exception_retry(*, exception_id: int, actor: str) -> ReprintRetry:
    """Try the reprint behind an open ``reprint`` exception again, now: create its work
    order if it has none yet (once: unique per claim), then route it.

    Offered to a plant: the exception is resolved by ``actor``. Still no plant, or still
    no plan: the exception keeps the new reason and counts one more attempt. Raises
    ``Conflict`` (``not_open``) when the exception is resolved already or is of another
    kind, so a second click never makes a second work order.
    """
    with transaction.atomic():
        exception = ProductionException.objects.select_for_update().get(pk=exception_id)
        if exception.kind != ProductionExceptionKind.REPRINT or exception.resolved_at:
            raise Conflict("This exception is not an open reprint exception.", code="not_open")
        data = exception.data
        number = data["claim_number"]
        work_order = WorkOrder.objects.filter(claim_number=number).order_by("part").first()
        if work_order is None:
            excluded = list(Factory.objects.filter(code__in=data.get("excluded", [])))
            try:
                with transaction.atomic():
                    work_order = reprint_work_order_create(
                        payload=data["payload"], excluded=excluded
                    )
            except ApplicationError as error:
                message = f"The reprint of claim {number} could not be planned: {error.detail}"
                reprint_exception_record(
                    claim_number=number, code=error.code, error=message, data=data
                )
                return ReprintRetry(None, False, message)
            assert work_order is not None  # none existed, under the exception's lock
            task_enqueue(GENERATE_PRODUCTION_FILES, args=[[work_order.pk]])
        outcome: dict[str, int] = {}
        if work_order.status in ROUTABLE:
            outcome = work_orders_route(work_order_ids=[work_order.pk])
            work_order.refresh_from_db()
        exception.refresh_from_db()
        if work_order.status in ROUTABLE:
            if not outcome.get("unroutable"):  # routing counted a new unroutable itself
                exception.attempts += 1
                exception.save(update_fields=["attempts", "updated_at"])
            return ReprintRetry(work_order, False, exception.error)
        if exception.resolved_at is None:  # routed by someone else meanwhile
            production_exception_resolve(exception_id=exception.pk, actor=actor)
        elif exception.resolved_by != actor:
            exception.resolved_by = actor
            exception.save(update_fields=["resolved_by", "updated_at"])
    return ReprintRetry(work_order, True)
