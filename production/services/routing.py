"""Offering pending work orders to capable factories."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Count, Q

from production.models import (
    Factory,
    FactoryStatus,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)
from production.services.work_orders import work_order_transition

OPEN = [WorkOrderStatus.OFFERED, WorkOrderStatus.ACCEPTED, WorkOrderStatus.IN_PRODUCTION]


def work_orders_route(*, work_order_ids: Sequence[int]) -> dict[str, int]:
    """Offer each pending work order to the least-loaded capable factory.

    Never offers a work order to a factory that declined it. Work no factory can take
    becomes ``unroutable`` with the reason. Returns counts by outcome.
    """
    factories = list(
        Factory.objects.filter(status=FactoryStatus.ACTIVE)
        .annotate(open=Count("work_orders", filter=Q(work_orders__status__in=OPEN)))
        .prefetch_related("capabilities")
        .order_by("pk")
    )
    capabilities = {f.pk: {c.code for c in f.capabilities.all()} for f in factories}
    load = {f.pk: f.open for f in factories}
    outcome = {"offered": 0, "unroutable": 0}
    pending = WorkOrder.objects.filter(pk__in=work_order_ids, status=WorkOrderStatus.PENDING)
    for work_order in pending.order_by("pk"):
        declined = set(
            WorkOrderEvent.objects.filter(work_order=work_order, type="declined").values_list(
                "data__factory", flat=True
            )
        )
        candidates = [
            f
            for f in factories
            if set(work_order.required_capabilities) <= capabilities[f.pk]
            and f.code not in declined
            and load[f.pk] < f.max_open_work_orders
        ]
        if not candidates:
            work_order_transition(
                work_order_id=work_order.pk,
                to=WorkOrderStatus.UNROUTABLE,
                event="unroutable",
                actor="system:router",
                data={"reason": "no_capable_factory"},
            )
            outcome["unroutable"] += 1
            continue
        chosen = min(candidates, key=lambda f: (load[f.pk], f.pk))
        load[chosen.pk] += 1
        work_order_transition(
            work_order_id=work_order.pk,
            to=WorkOrderStatus.OFFERED,
            event="offered",
            actor="system:router",
            data={"factory": chosen.code, "city": chosen.city},
            changes={"factory": chosen},
        )
        outcome["offered"] += 1
    return outcome
