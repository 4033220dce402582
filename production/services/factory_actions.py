"""What a partner factory does with a work order: accept, decline, report progress, ship.

The factory API and the admin both call these; each is one move of the status machine
(``production.models.WORK_ORDER_MOVES``). Releasing accepted work is in ``release``.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from c2m.errors import Conflict
from c2m.scheduling import task_enqueue
from production.models import FACTORY_EVENTS, Factory, Shipment, WorkOrder, WorkOrderEventType
from production.services.capacity_reservations import capacity_release
from production.services.delivery import shipment_delivered
from production.services.settlement import payout_accrue
from production.services.work_orders import work_order_transition
from production.task_names import ROUTE_WORK_ORDERS


def work_order_accept(
    *, factory: Factory, work_order_id: int, actor: str, expected_version: int | None = None
) -> WorkOrder:
    """Commit the factory to an offered work order. Conflict if it is no longer offered."""
    return work_order_transition(
        work_order_id=work_order_id,
        event=WorkOrderEventType.ACCEPTED,
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
    never to this factory. Raises ``Conflict`` once it is accepted: accepted work can only
    be released (``work_order_release``)."""

    with transaction.atomic():
        work_order = work_order_transition(
            work_order_id=work_order_id,
            event=WorkOrderEventType.DECLINED,
            actor=actor,
            factory=factory,
            expected_version=expected_version,
            data={"factory": factory.code, "reason_code": reason_code, "reason": reason},
            changes={"factory": None},
        )
        capacity_release(work_order_id=work_order.pk)
    task_enqueue(ROUTE_WORK_ORDERS, args=[[work_order.pk]])
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
    """Record a production event (started, progress, QC, rework, shipped, delivered) from
    the factory; ``delivered`` is one parcel's (``shipment_delivered``).

    The work-order status machine (``WORK_ORDER_MOVES``) decides: a work order whose recipe
    has a QC step ships only after ``qc_passed``, and never from ``qc_failed``. Raises
    ``Conflict`` with the allowed next steps when the event does not fit the work order's
    status, and ``NotFound`` for another factory's work order.
    """
    if event not in FACTORY_EVENTS:
        raise Conflict(f"{event!r} is not a factory event.", code="invalid_transition")
    if event == WorkOrderEventType.DELIVERED:
        return shipment_delivered(
            work_order_id=work_order_id,
            tracking_number=data["tracking_number"],
            carrier=data.get("carrier", ""),
            delivered_at=data.get("delivered_at"),
            actor=actor,
            factory=factory,
            expected_version=expected_version,
        )
    with transaction.atomic():
        work_order = work_order_transition(
            work_order_id=work_order_id,
            event=event,
            actor=actor,
            factory=factory,
            expected_version=expected_version,
            data=data,
        )
        if event == WorkOrderEventType.SHIPPED:
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
            payout_accrue(
                work_order=work_order,
                actor=actor,
                reference=f"{data['carrier']} {data['tracking_number']}",
            )
    return work_order
