"""Stopping the production of a cancelled order: the one call orders makes into production."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from c2m.db import lock_many
from c2m.errors import Conflict
from production.models import (
    CapacityDay,
    CapacityReservation,
    WorkOrder,
    WorkOrderEventType,
    WorkOrderStatus,
)
from production.models.work_order_status import COMMITTED
from production.services.work_orders import work_order_transition

S = WorkOrderStatus


def work_orders_cancel_for_order(*, order_id: int, actor: str) -> list[int]:
    """Cancel every work order of the order and release the capacity they reserved.

    Locks the work orders (in primary-key order) before deciding, so a factory accepting
    at the same moment either wins, and this raises ``Conflict`` (code
    ``already_accepted``) with nothing changed, or loses and gets a 409 itself.
    Returns the ids of the work orders cancelled now; an order not yet planned has none.
    """
    with transaction.atomic():
        ids = WorkOrder.objects.filter(order_id=order_id).values_list("pk", flat=True)
        work_orders = lock_many(WorkOrder.objects, ids)
        committed = [wo.number for wo in work_orders if wo.status in COMMITTED]
        if committed:
            raise Conflict(
                "A factory has already accepted work for this order.",
                code="already_accepted",
                extra={"work_orders": committed},
            )
        cancelled = []
        for work_order in work_orders:
            if work_order.status == S.CANCELLED:
                continue
            work_order_transition(
                work_order_id=work_order.pk,
                event=WorkOrderEventType.CANCELLED,
                actor=actor,
                data={"reason": "order_cancelled"},
            )
            cancelled.append(work_order.pk)
        capacity_release_for_work_orders(work_order_ids=[wo.pk for wo in work_orders])
    return cancelled


def capacity_release_for_work_orders(*, work_order_ids: list[int]) -> int:
    """Give back the minutes still reserved for these work orders; return how many.

    The capacity days are locked in primary-key order, like the router books them.
    """
    with transaction.atomic():
        reservations = list(
            CapacityReservation.objects.select_for_update()
            .filter(work_order_id__in=work_order_ids, released_at__isnull=True)
            .order_by("pk")
        )
        if not reservations:
            return 0
        days = {
            d.pk: d
            for d in lock_many(CapacityDay.objects, {r.capacity_day_id for r in reservations})
        }
        minutes: dict[int, int] = {}
        for reservation in reservations:
            minutes[reservation.capacity_day_id] = (
                minutes.get(reservation.capacity_day_id, 0) + reservation.minutes
            )
        for day_id, freed in minutes.items():
            CapacityDay.objects.filter(pk=day_id).update(
                reserved_minutes=F("reserved_minutes") - min(freed, days[day_id].reserved_minutes)
            )
        CapacityReservation.objects.filter(pk__in=[r.pk for r in reservations]).update(
            released_at=timezone.now()
        )
    return sum(minutes.values())
