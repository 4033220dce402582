"""What a partner factory does with a work order: accept, decline, report progress, ship.

The factory API and the admin both call these; each is one move of the status machine.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from c2m.db import lock_one
from c2m.errors import Conflict, NotFound
from production.models import (
    WORK_ORDER_TRANSITIONS,
    Factory,
    Shipment,
    WorkOrder,
    WorkOrderStatus,
)
from production.services.capacity_reservations import capacity_release
from production.services.work_orders import work_order_transition

S = WorkOrderStatus

# A factory event and the status it moves the work order to.
EVENT_TARGETS = {
    "started": S.IN_PRODUCTION,
    "progress": S.IN_PRODUCTION,
    "qc_passed": S.QC_PASSED,
    "qc_failed": S.IN_PRODUCTION,
    "shipped": S.SHIPPED,
}
# The statuses each event makes sense from; the transition table alone would let
# "progress" start production or "qc_failed" skip it.
EVENT_SOURCES = {
    "started": {S.ACCEPTED},
    "progress": {S.IN_PRODUCTION},
    "qc_passed": {S.IN_PRODUCTION},
    "qc_failed": {S.IN_PRODUCTION, S.QC_PASSED},
    "shipped": {S.ACCEPTED, S.IN_PRODUCTION, S.QC_PASSED, S.SHIPPED},
}


def allowed_events(status: str) -> list[str]:
    return sorted(event for event, sources in EVENT_SOURCES.items() if status in sources)


def work_order_accept(
    *, factory: Factory, work_order_id: int, actor: str, expected_version: int | None = None
) -> WorkOrder:
    """Commit the factory to an offered work order. Conflict if it is no longer offered."""
    return work_order_transition(
        work_order_id=work_order_id,
        to=S.ACCEPTED,
        event="accepted",
        actor=actor,
        factory=factory,
        expected_version=expected_version,
        data={"city": factory.city},
    )


def work_order_decline(
    *,
    factory: Factory,
    work_order_id: int,
    actor: str,
    reason_code: str,
    reason: str = "",
    expected_version: int | None = None,
) -> WorkOrder:
    """Hand an offered work order back; its capacity is released and it is routed again,
    never to this factory."""
    from production.tasks import route_work_orders

    with transaction.atomic():
        work_order = work_order_transition(
            work_order_id=work_order_id,
            to=S.PENDING,
            event="declined",
            actor=actor,
            factory=factory,
            expected_version=expected_version,
            data={"factory": factory.code, "reason_code": reason_code, "reason": reason},
            changes={"factory": None},
        )
        capacity_release(work_order_id=work_order.pk)
    route_work_orders.delay_on_commit([work_order.pk])
    return work_order


def work_order_report(
    *,
    factory: Factory,
    work_order_id: int,
    actor: str,
    event: str,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> WorkOrder:
    """Record a production event (started, progress, QC, shipped) from the factory.

    Raises ``Conflict`` with the allowed next steps when the event does not fit the
    work order's status, and ``NotFound`` for another factory's work order.
    """
    with transaction.atomic():
        try:
            current = lock_one(WorkOrder.objects, pk=work_order_id, factory=factory)
        except WorkOrder.DoesNotExist:
            raise NotFound("No such work order.") from None
        if current.status not in EVENT_SOURCES[event] and (
            expected_version is None or expected_version == current.version
        ):
            raise Conflict(
                f"A work order that is {current.status} cannot report {event}.",
                code="invalid_transition",
                extra={
                    "current_status": current.status,
                    "allowed": sorted(WORK_ORDER_TRANSITIONS[current.status]),
                    "allowed_events": allowed_events(current.status),
                },
            )
        work_order = work_order_transition(
            work_order_id=work_order_id,
            to=EVENT_TARGETS[event],
            event=event,
            actor=actor,
            factory=factory,
            expected_version=expected_version,
            data=data,
        )
        if event == "shipped":
            try:
                with transaction.atomic():
                    Shipment.objects.create(
                        work_order=work_order,
                        carrier=data["carrier"],
                        tracking_number=data["tracking_number"],
                        packages=data.get("packages", []),
                    )
            except IntegrityError:
                raise Conflict(
                    "This shipment was already reported.", code="duplicate_shipment"
                ) from None
    return work_order
