"""The order side names production's statuses and milestones without importing production
(the seam): those names must be production's own, or the order would stop following its work."""

from __future__ import annotations

from orders.models import OrderEventCode
from orders.models.order_status import WORK_CANCELLED, WORK_DELIVERED, WORK_IN_HAND, WORK_SENT
from production.models import WorkOrderEventType, WorkOrderStatus
from production.models.work_order_status import COMMITTED, CUSTOMER_VISIBLE


def test_the_work_order_statuses_orders_derive_from_are_productions():
    production = set(WorkOrderStatus.values)
    assert {WORK_CANCELLED, WORK_DELIVERED, *WORK_SENT, *WORK_IN_HAND} <= production
    # Work a plant holds or has sent is exactly the work that stops a cancellation.
    assert WORK_IN_HAND | (WORK_SENT - {WORK_DELIVERED}) == COMMITTED


def test_every_milestone_production_reports_has_an_order_event_code():
    assert set(CUSTOMER_VISIBLE) <= set(OrderEventCode.values)
    assert set(CUSTOMER_VISIBLE) <= set(WorkOrderEventType.values)
