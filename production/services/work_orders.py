"""The work-order status machine: the one place that changes a work order's status."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from c2m.db import lock_key, lock_one
from c2m.errors import Conflict, NotFound, PreconditionFailed
from orders.services.production_feedback import claim_reprint_report, order_production_update
from production.geo.china import chinese_name
from production.models import (
    FACTORY_EVENTS,
    Factory,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderEventType,
)
from production.models.work_order_status import CUSTOMER_VISIBLE
from production.services.feed import factory_feed_append


def work_order_transition(
    *,
    work_order_id: int,
    event: str,
    actor: str,
    factory: Factory | None = None,
    expected_version: int | None = None,
    data: dict[str, Any] | None = None,
    changes: dict[str, Any] | None = None,
) -> WorkOrder:
    """Lock the work order, move it by ``event`` as ``WORK_ORDER_MOVES`` says, save, and
    record the event.

    ``factory`` restricts the change to that factory's work orders (others: ``NotFound``);
    ``expected_version`` is the client's ``If-Match`` (mismatch: ``PreconditionFailed``).
    ``changes`` are further fields set with the status, such as the assigned factory.
    Raises ``Conflict`` (code ``invalid_transition``) when the event is not allowed from the
    current status, naming the allowed next statuses, factory events and API actions.
    """
    # A plain string from here on: it is stored, compared, logged and quoted in errors.
    event, data = str(event), data or {}
    with transaction.atomic():
        try:
            work_order = lock_one(WorkOrder.objects, pk=work_order_id)
        except WorkOrder.DoesNotExist:
            raise NotFound("No such work order.") from None
        if factory is not None and work_order.factory_id != factory.pk:
            raise NotFound("No such work order.")
        if expected_version is not None and work_order.version != expected_version:
            raise PreconditionFailed(
                "The work order has changed since you read it.",
                extra={"current_version": work_order.version},
            )
        moves = work_order.moves()
        if event not in moves:
            why = (
                " before it passed QC (its recipe has a QC step)"
                if event == WorkOrderEventType.SHIPPED and work_order.qc_required
                else ""
            )
            raise Conflict(
                f"A work order that is {work_order.status} cannot take {event!r}{why}.",
                code="invalid_transition",
                extra=next_steps(work_order),
            )
        to = moves[event]
        previous, previous_factory_id = work_order.status, work_order.factory_id
        work_order.status = to
        work_order.version += 1
        for field, value in (changes or {}).items():
            setattr(work_order, field, value)
        work_order.save(update_fields=["status", "version", "updated_at", *(changes or {}).keys()])
        WorkOrderEvent.objects.create(
            work_order=work_order,
            type=event,
            from_status=previous,
            to_status=to,
            actor=actor,
            data=data,
        )
        factory_feed_append(
            work_order=work_order,
            factory_ids={previous_factory_id, work_order.factory_id},
            event=event,
        )
        if event in CUSTOMER_VISIBLE:
            _tell_order(work_order, event, actor, data)
    return work_order


# The factory API's actions and the events that are theirs.
ACTION_EVENTS = {
    "accept": WorkOrderEventType.ACCEPTED,
    "decline": WorkOrderEventType.DECLINED,
    "release": WorkOrderEventType.RELEASED,
}


def next_steps(work_order: WorkOrder) -> dict[str, Any]:
    """What a 409 names: the current status, the statuses it may move to (``allowed``), the
    events the factory may report now (``allowed_events``) and the factory API actions
    open to it now (``allowed_actions``)."""
    moves = work_order.moves()
    actions = [action for action, event in ACTION_EVENTS.items() if event in moves]
    events = sorted(event for event in moves if event in FACTORY_EVENTS)
    return {
        "current_status": work_order.status,
        "allowed": sorted(set(moves.values())),
        "allowed_events": events,
        "allowed_actions": sorted([*actions, *(["events"] if events else [])]),
    }


# Advisory-lock namespace: one order's feedback at a time (see ``_tell_order``).
ORDER_FEEDBACK_LOCK = 16_001


def _tell_order(work_order: WorkOrder, event: str, actor: str, data: dict[str, Any]) -> None:
    # Two plants of a split order reporting at once would each read the other's work order
    # as it was and neither would move the order on (the last parcel delivered, the last
    # one shipped): one order's feedback runs at a time, each reading what the other
    # committed.
    lock_key(ORDER_FEEDBACK_LOCK, work_order.order_id)
    public = {k: v for k, v in data.items() if k in {"city", "carrier", "tracking_number"}}
    if work_order.claim_number:
        # A reprint: its progress belongs to the customer's claim, not the order's items.
        claim_reprint_report(
            claim_number=work_order.claim_number,
            work_order_number=work_order.number,
            work_order_status=work_order.status,
            code=event,
            actor=actor,
            data=public,
        )
        return
    statuses = list(
        WorkOrder.objects.filter(order_id=work_order.order_id, claim_number="").values_list(
            "status", flat=True
        )
    )
    in_china = work_order.factory is not None and work_order.factory.country == "CN"
    if in_china and public.get("city"):
        public["city_zh"] = chinese_name(public["city"])
    shipment = delivery = None
    if event in {WorkOrderEventType.PARCEL_DELIVERED, WorkOrderEventType.DELIVERED}:
        # The customer follows parcels: the work order's last one is one parcel too.
        event = WorkOrderEventType.PARCEL_DELIVERED
        delivery = {
            "carrier": data["carrier"],
            "tracking_number": data["tracking_number"],
            "delivered_at": data["delivered_at"],
        }
    if event == WorkOrderEventType.SHIPPED:
        shipment = {
            "carrier": data["carrier"],
            "tracking_number": data["tracking_number"],
            "packages": data.get("packages", []),
            "origin_city": work_order.factory.city if work_order.factory else "",
            "origin_city_zh": (
                chinese_name(work_order.factory.city) if in_china and work_order.factory else ""
            ),
        }
    order_production_update(
        order_id=work_order.order_id,
        code=event,
        actor=actor,
        work_order_number=work_order.number,
        work_order_statuses=statuses,
        data=public,
        shipment=shipment,
        shipped_at=work_order.updated_at,
        delivery=delivery,
        line_id=work_order.order_line_id,
        quantity=work_order.quantity,
        work_order_status=work_order.status,
    )
