"""Pausing, offboarding and reactivating a partner factory."""

from __future__ import annotations

from django.db import transaction

from c2m.db import check_transition, lock_one
from c2m.errors import Unprocessable
from c2m.scheduling import task_enqueue
from production.models import (
    FACTORY_TRANSITIONS,
    Factory,
    FactoryStatus,
    WorkOrder,
    WorkOrderEventType,
)
from production.models.work_order_status import GIVEN_BACK
from production.services.capacity_reservations import capacity_release_many
from production.services.work_orders import work_order_transition
from production.task_names import ROUTE_WORK_ORDERS


def factory_set_status(*, factory_id: int, status: str, actor: str, reason: str = "") -> list[int]:
    """Set the factory's status; when it stops being active, take its unstarted work back.

    Its offered and accepted-but-not-started work orders go back to pending with their
    capacity released, and routed again after commit; returns their ids.
    A paused factory is simply not a candidate until it is active again.
    Raises ``Unprocessable`` for an unknown status and ``Conflict`` (code
    ``invalid_transition``) for a move ``FACTORY_TRANSITIONS`` does not list (an offboarded
    factory stays offboarded).
    """

    if status not in FactoryStatus.values:
        raise Unprocessable(
            f"Unknown factory status {status!r}.", errors={"status": ["Not a valid choice."]}
        )
    with transaction.atomic():
        factory = lock_one(Factory.objects, pk=factory_id)
        previous = factory.status
        if previous != status:
            check_transition(FACTORY_TRANSITIONS, previous, status, what="factory")
            factory.status = status
            factory.save(update_fields=["status"])
        if status == FactoryStatus.ACTIVE:
            return []
        ids = list(
            WorkOrder.objects.filter(factory=factory, status__in=GIVEN_BACK)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for work_order_id in ids:
            work_order_transition(
                work_order_id=work_order_id,
                event=WorkOrderEventType.FACTORY_UNAVAILABLE,
                actor=actor,
                factory=factory,
                data={"factory": factory.code, "factory_status": status, "reason": reason},
                changes={"factory": None},
            )
        capacity_release_many(work_order_ids=ids)
        if ids:
            task_enqueue(ROUTE_WORK_ORDERS, args=[ids])
    return ids
