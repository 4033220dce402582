"""An operator sends a work order back to the router (from the admin)."""

from __future__ import annotations

from django.db import transaction

from c2m.db import lock_one
from c2m.errors import Conflict, NotFound
from c2m.scheduling import task_enqueue
from production.models import WorkOrder, WorkOrderEventType, WorkOrderStatus
from production.services.capacity_reservations import capacity_release
from production.services.work_orders import work_order_transition
from production.task_names import ROUTE_WORK_ORDERS

S = WorkOrderStatus
# The event that takes an offer away from a factory for good (see routing.EXCLUDING_EVENTS).
WITHDRAWN = WorkOrderEventType.OFFER_WITHDRAWN


def work_order_reroute(
    *, work_order_id: int, actor: str, reason: str = "", exclude_factory: bool = True
) -> WorkOrder:
    """Route an offered, unroutable or pending work order again, after commit.

    An offer is withdrawn first (capacity released); with ``exclude_factory`` that
    factory is never offered it again. Raises ``Conflict`` once a factory accepted it
    (pause the factory instead) and ``NotFound`` for an unknown id.
    """

    with transaction.atomic():
        try:
            work_order = lock_one(WorkOrder.objects, pk=work_order_id)
        except WorkOrder.DoesNotExist:
            raise NotFound("No such work order.") from None
        if work_order.status == S.OFFERED:
            factory = work_order.factory
            work_order = work_order_transition(
                work_order_id=work_order_id,
                event=WITHDRAWN if exclude_factory else WorkOrderEventType.REROUTED,
                actor=actor,
                data={"factory": factory.code if factory else "", "reason": reason},
                changes={"factory": None},
            )
            capacity_release(work_order_id=work_order_id)
        elif work_order.status == S.UNROUTABLE:
            work_order = work_order_transition(
                work_order_id=work_order_id,
                event=WorkOrderEventType.REROUTED,
                actor=actor,
                data={"reason": reason},
            )
        elif work_order.status != S.PENDING:
            raise Conflict(
                f"A work order that is {work_order.status} cannot be re-routed.",
                code="invalid_transition",
            )
        task_enqueue(ROUTE_WORK_ORDERS, args=[[work_order_id]])
    return work_order
