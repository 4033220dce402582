"""Offers that go stale and accepted work that is running late.

An offer not accepted within its factory's SLA goes back to pending and is never offered
to that factory again (like a decline, by timeout). Accepted work with no "started" by
the last day its plan booked is flagged for operators, once.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from c2m.db import lock_one
from c2m.errors import Conflict, NotFound
from production.models import WorkOrder, WorkOrderEvent, WorkOrderEventType, WorkOrderStatus
from production.services.capacity_reservations import capacity_release
from production.services.work_orders import work_order_transition

S = WorkOrderStatus
LATE_EVENT = WorkOrderEventType.LATE_RISK


def offers_expire(*, now: datetime | None = None) -> list[int]:
    """Send every offer past its acceptance deadline (``offer_expires_at``, the factory's
    SLA after the offer) back to pending; return their ids."""
    now = now or timezone.now()
    offered = (
        WorkOrder.objects.filter(status=S.OFFERED, factory__isnull=False)
        .select_related("factory")
        .annotate(
            offered_at=Max("events__created_at", filter=Q(events__type=WorkOrderEventType.OFFERED))
        )
        .order_by("pk")
    )
    expired = []
    for work_order in offered:
        factory = work_order.factory
        if factory is None:  # excluded by the query
            continue
        # The deadline the plant was shown with the offer; the SLA after the offer for
        # offers made before deadlines were shown.
        deadline = work_order.offer_expires_at or (
            work_order.offered_at + timedelta(hours=factory.offer_sla_hours)
            if work_order.offered_at is not None
            else None
        )
        if deadline is None or deadline > now:
            continue
        try:
            work_order_offer_expire(work_order_id=work_order.pk, factory_id=factory.pk)
        except (Conflict, NotFound):  # accepted or declined meanwhile
            continue
        expired.append(work_order.pk)
    return expired


def work_order_offer_expire(*, work_order_id: int, factory_id: int) -> WorkOrder:
    """Take the offer back from the factory: pending again, its capacity released.

    Raises ``Conflict`` when it is no longer offered, ``NotFound`` when it is offered to
    another factory now.
    """
    with transaction.atomic():
        work_order = lock_one(WorkOrder.objects, pk=work_order_id)
        if work_order.factory_id != factory_id:
            raise NotFound("No such offer.")
        factory = work_order.factory
        assert factory is not None  # its factory_id matched
        work_order = work_order_transition(
            work_order_id=work_order_id,
            event=WorkOrderEventType.OFFER_EXPIRED,
            actor="system:offers",
            factory=factory,
            data={
                "factory": factory.code,
                "reason_code": "offer_timeout",
                "reason": f"not accepted within {factory.offer_sla_hours} h",
            },
            changes={"factory": None},
        )
        capacity_release(work_order_id=work_order_id)
    return work_order


def work_orders_flag_late(*, today: date | None = None) -> list[int]:
    """Flag accepted, not started work past its last planned work day; return the ids.

    The last planned day is the last day capacity was booked for it (the due date when
    nothing was booked). Each work order is flagged once, with a ``late_risk`` event.
    """
    today = today or timezone.localdate()
    late = (
        WorkOrder.objects.filter(status=S.ACCEPTED)
        .exclude(events__type=LATE_EVENT)
        .annotate(
            planned_until=Max(
                "reservations__capacity_day__day",
                filter=Q(reservations__released_at__isnull=True),
            )
        )
        .select_related("factory")
        .order_by("pk")
    )
    flagged = []
    for work_order in late:
        last_day = work_order.planned_until or work_order.due_date
        if today <= last_day:
            continue
        with transaction.atomic():
            locked = lock_one(WorkOrder.objects, pk=work_order.pk)
            if locked.status != S.ACCEPTED or locked.events.filter(type=LATE_EVENT).exists():
                continue
            WorkOrderEvent.objects.create(
                work_order=locked,
                type=LATE_EVENT,
                from_status=locked.status,
                to_status=locked.status,
                actor="system:offers",
                data={
                    "factory": work_order.factory.code if work_order.factory else "",
                    "planned_until": last_day.isoformat(),
                    "due_date": locked.due_date.isoformat(),
                    "reason": "accepted but not started by its last planned work day",
                },
            )
        flagged.append(work_order.pk)
    return flagged
