"""A plant with one offered, one accepted and one started work order, and a second plant
that can take what the first gives back: what pausing a plant is tested on."""

from __future__ import annotations

from dataclasses import dataclass

from production.models import Factory, WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.routing import work_orders_route
from tests.production.routing_service.conftest import make_plant, make_work_orders


@dataclass
class BusyPlant:
    plant: Factory
    other: Factory
    offered: WorkOrder
    accepted: WorkOrder
    started: WorkOrder

    def refreshed(self) -> list[WorkOrder]:
        for work_order in (self.offered, self.accepted, self.started):
            work_order.refresh_from_db()
        self.plant.refresh_from_db()
        return [self.offered, self.accepted, self.started]


def busy_plant(settings) -> BusyPlant:
    """``settings`` is pytest-django's fixture: routing is made hand-solvable (on time only)."""
    settings.C2M_ROUTING = {"max_late_days": 0, "quality_bonus_weight": "0"}
    best, second = make_plant("best", rate="1.00"), make_plant("second", rate="2.00")
    offered, accepted, started = make_work_orders(*({"minutes": 30} for _ in range(3)))
    work_orders_route(work_order_ids=[offered.pk, accepted.pk, started.pk])
    for work_order in (accepted, started):
        work_order_accept(factory=best, work_order_id=work_order.pk, actor="factory:best")
    work_order_report(
        factory=best, work_order_id=started.pk, actor="factory:best", event="started", data={}
    )
    return BusyPlant(best, second, offered, accepted, started)
