"""The factory status machine, driven by ``factory_set_status`` (what the admin's pause and
resume actions and the ``factory_status`` command call) while the plant takes offers,
accepts and starts work.

The rules checked are the business's, written here independently of
``FACTORY_TRANSITIONS``: an offboarded plant has left for good; a plant that is not active
holds no offered or unstarted work (it was given back to the router); started work stays.
Letting an offboarded plant come back makes this test fail.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)

from c2m.errors import Conflict
from orders.models import OutboxMessage
from production.models import Factory, FactoryStatus, WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.factory_status import factory_set_status
from production.services.planning import orders_plan
from production.services.work_orders import work_order_transition
from tests.factories import PlantFactory, demo_product, place_order

pytestmark = pytest.mark.django_db

F = FactoryStatus
_codes = itertools.count()


def business_allows(current: str, target: str) -> bool:
    """Pausing, resuming and offboarding as the business states them."""
    if current == F.OFFBOARDED:
        return target == F.OFFBOARDED  # left for good (saying so again changes nothing)
    return True  # active and paused plants may be paused, resumed or offboarded


class FactoryLife(RuleBasedStateMachine):
    @initialize()
    def a_plant_joins(self) -> None:
        self.plant = PlantFactory(code=f"machine-plant-{next(_codes)}")
        self.expected = F.ACTIVE
        self.work: list[int] = []

    def status(self) -> str:
        return Factory.objects.values_list("status", flat=True).get(pk=self.plant.pk)

    @rule(to=st.sampled_from(F.values))
    def operator_sets_status(self, to: str) -> None:
        try:
            factory_set_status(factory_id=self.plant.pk, status=to, actor="ops", reason="test")
        except Conflict:
            assert not business_allows(self.expected, to), f"{self.expected} -> {to} refused"
        else:
            assert business_allows(self.expected, to), f"{self.expected} -> {to} accepted"
            self.expected = to

    @rule()
    def operator_tries_every_forbidden_move(self) -> None:
        """Wherever the plant is, every move the rules forbid is refused."""
        for to in F.values:
            if not business_allows(self.expected, to):
                self.operator_sets_status(to)

    @rule()
    def router_offers_work(self) -> None:
        if self.expected != F.ACTIVE:
            return  # the router offers work to active plants only
        order = place_order(demo_product(), {"finish": "brushed"})
        message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
        [work_order_id] = orders_plan(message_ids=[message.pk])
        work_order_transition(
            work_order_id=work_order_id,
            event="offered",
            actor="system:router",
            data={"factory": self.plant.code},
            changes={"factory": self.plant},
        )
        self.work.append(work_order_id)

    @rule(data=st.data(), start=st.booleans())
    def plant_accepts(self, data: st.DataObject, start: bool) -> None:
        offered = [pk for pk in self.work if WorkOrder.objects.get(pk=pk).status == "offered"]
        if not offered:
            return
        pk = data.draw(st.sampled_from(offered))
        work_order_accept(factory=self.plant, work_order_id=pk, actor="plant")
        if start:
            work_order_report(
                factory=self.plant, work_order_id=pk, actor="plant", event="started", data={}
            )

    @invariant()
    def status_is_the_one_the_rules_allow(self) -> None:
        if hasattr(self, "plant"):
            assert self.status() == self.expected

    @invariant()
    def only_an_active_plant_holds_unstarted_work(self) -> None:
        if not hasattr(self, "plant"):
            return
        held = set(WorkOrder.objects.filter(factory=self.plant).values_list("status", flat=True))
        if self.expected != F.ACTIVE:
            assert not held & {"offered", "accepted"}, held
        assert held <= {"offered", "accepted", "in_production"}, held


def test_no_plant_ever_moves_against_the_rules():
    run_state_machine_as_test(
        FactoryLife,
        settings=settings(max_examples=25, stateful_step_count=12, deadline=None),
    )
