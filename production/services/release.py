"""Giving back work a factory already accepted: the one audited way out after accept.

A plant that accepted a work order has seen the customer's address, so it cannot decline
it (the offer's decline answers 409). It may release it with a reason: the event says
whether and when the plant saw the address, the capacity is released, the plant's
quality score is charged and the work is routed again at once, never back to that plant.
"""

from __future__ import annotations

from django.db import transaction

from c2m.db import lock_one
from c2m.errors import ApplicationError, NotFound
from c2m.scheduling import task_enqueue
from production.models import AddressReveal, Factory, WorkOrder, WorkOrderEventType
from production.services.capacity_reservations import capacity_release
from production.services.factory_quality import factory_quality_refresh
from production.services.work_orders import work_order_transition
from production.task_names import ROUTE_WORK_ORDERS

RELEASE_EVENT = WorkOrderEventType.RELEASED
RELEASE_REASONS = ("no_capacity", "no_material", "machine_down", "cannot_make", "quality", "other")


def work_order_release(
    *,
    work_order_id: int,
    actor: str,
    reason_code: str,
    reason: str,
    factory: Factory | None = None,
    expected_version: int | None = None,
) -> WorkOrder:
    """Take accepted work (accepted, in production or failed QC) back from its factory.

    ``factory`` is the plant releasing it through the API (another plant's work:
    ``NotFound``); an operator passes none and releases it for the assigned plant. Returns
    the work order, pending again and unassigned; the router is called after commit.
    Raises ``ApplicationError`` (400) for an unknown reason code or an empty reason,
    ``PreconditionFailed`` for a stale ``expected_version`` and ``Conflict`` with the
    allowed next steps when the work order is not accepted work.
    """

    problems = {}
    if reason_code not in RELEASE_REASONS:
        problems["reason_code"] = [f"One of {', '.join(RELEASE_REASONS)}."]
    if not reason.strip():
        problems["reason"] = ["Say why the work is released."]
    if problems:
        raise ApplicationError("The release needs a reason.", errors=problems)
    with transaction.atomic():
        try:
            current = lock_one(WorkOrder.objects, pk=work_order_id)
        except WorkOrder.DoesNotExist:
            raise NotFound("No such work order.") from None
        if factory is not None and current.factory_id != factory.pk:
            raise NotFound("No such work order.")
        plant = current.factory
        seen = (
            AddressReveal.objects.filter(work_order_id=work_order_id, factory=plant).first()
            if plant is not None
            else None
        )
        work_order = work_order_transition(
            work_order_id=work_order_id,
            event=RELEASE_EVENT,
            actor=actor,
            factory=factory,
            expected_version=expected_version,
            data={
                "factory": plant.code if plant else "",
                "by": "factory" if factory is not None else "operator",
                "reason_code": reason_code,
                "reason": reason,
                "released_from": current.status,
                "address_seen": seen is not None,
                "address_seen_at": seen.revealed_at.isoformat() if seen else None,
                "address_seen_via": seen.via if seen else "",
            },
            changes={"factory": None},
        )
        capacity_release(work_order_id=work_order_id)
        if plant is not None:
            factory_quality_refresh(factory_id=plant.pk)
    task_enqueue(ROUTE_WORK_ORDERS, args=[[work_order_id]])
    return work_order
