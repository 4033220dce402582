"""Telling the order when routing finds its promise cannot be kept, or kept again.

The router calls ``work_order_promise_check`` after it marks a work order unroutable and
after every offer. A work order that no plant can take, or that is offered with a
delivery later than its due date (the date the customer was sold), breaks the order's
promise: the customer is told through the production-feedback service (once per break,
whatever the number of sweeps) and operators see the order in the exception list.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max, Q

from orders.services.production_feedback import order_promise_report
from production.models import (
    ProductionException,
    ProductionExceptionKind,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderEventType,
    WorkOrderStatus,
)
from production.services.exceptions import (
    production_exception_record,
    production_exception_resolve,
)

S = WorkOrderStatus
ACTOR = "system:router"
BROKEN = "promise_broken"


def work_order_promise_check(
    *, work_order: WorkOrder, reason_code: str, reason: str = "", actor: str = ACTOR
) -> bool:
    """Report the order's delivery outlook after ``work_order`` was routed (or could not
    be). Returns True when the order's promise is broken now.

    The outlook covers all of the order's live work orders: any unroutable one means no
    revised date yet; otherwise the revised date is the latest delivery their offers
    plan. Runs in the caller's transaction or its own.
    """
    with transaction.atomic():
        revised, late = _outlook(work_order.order_id)
        told = order_promise_report(
            order_id=work_order.order_id,
            broken=late,
            revised_date=revised,
            reason_code=reason_code,
            work_order_number=work_order.number,
            actor=actor,
        )
        if late:
            production_exception_record(
                kind=ProductionExceptionKind.SLA,
                reference=work_order.order_number,
                code=BROKEN,
                error=(
                    f"{work_order.number}: {reason or reason_code}; promised "
                    f"{work_order.due_date.isoformat()}, "
                    + (f"now {revised.isoformat()}" if revised else "no plant can make it now")
                ),
                data={
                    "order_id": work_order.order_id,
                    "work_order": work_order.number,
                    "promised_date": work_order.due_date.isoformat(),
                    "revised_date": revised.isoformat() if revised else None,
                    "reason_code": reason_code,
                    "customer_told": told,
                },
            )
        else:
            _resolve(work_order.order_number, actor)
    return late


def _outlook(order_id: int) -> tuple[date | None, bool]:
    """(revised delivery date or None when some work has no plant, promise broken?)"""
    work = list(
        WorkOrder.objects.filter(order_id=order_id)
        .exclude(status=S.CANCELLED)
        .annotate(offer_id=Max("events__pk", filter=Q(events__type=WorkOrderEventType.OFFERED)))
        .values("pk", "status", "due_date", "offer_id")
    )
    if not work:
        return None, False
    due = min(w["due_date"] for w in work)
    if any(w["status"] == S.UNROUTABLE for w in work):
        return None, True
    offers = {
        e["pk"]: e["data"].get("delivery_date")
        for e in WorkOrderEvent.objects.filter(
            pk__in=[w["offer_id"] for w in work if w["offer_id"]]
        ).values("pk", "data")
    }
    dates = [
        date.fromisoformat(offers[w["offer_id"]])
        for w in work
        if w["status"] != S.PENDING and offers.get(w["offer_id"])
    ]
    latest = max(dates, default=None)
    late = latest is not None and latest > due
    return (latest if late else None), late


def _resolve(reference: str, actor: str) -> None:
    for pk in ProductionException.objects.filter(
        kind=ProductionExceptionKind.SLA, reference=reference, code=BROKEN, resolved_at__isnull=True
    ).values_list("pk", flat=True):
        production_exception_resolve(exception_id=pk, actor=actor)
