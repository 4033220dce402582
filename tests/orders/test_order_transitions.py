"""The order status machine: every move the table allows works, every other is refused;
and driven by the real services (payment, planning, plants, release, cancel, delivery) an
order never moves backwards, is never cancelled once a plant accepted, and is shipped only
when all its work shipped."""

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

from c2m.errors import Conflict, NotFound
from orders.models import ORDER_TRANSITIONS, Order, OrderEvent, OrderStatus, OutboxMessage
from orders.services.configurations import configuration_create
from orders.services.lifecycle import order_cancel, order_mark_delivered, order_mark_paid
from orders.services.orders import LineRequest, order_place, order_transition
from production.models import WorkOrder
from production.services.factory_actions import (
    work_order_accept,
    work_order_decline,
    work_order_report,
)
from production.services.planning import orders_plan
from production.services.release import work_order_release
from production.services.routing import work_orders_route
from tests.factories import SHIP_TO, PlantFactory, demo_product, place_order

pytestmark = pytest.mark.django_db

PAIRS = list(itertools.product(OrderStatus.values, repeat=2))


def _order_in(status: str) -> Order:
    order = place_order(demo_product(), {"finish": "brushed"})
    # Test setup only: put the order straight into the state under test.
    Order.objects.filter(pk=order.pk).update(status=status)
    return order


@pytest.mark.parametrize(("current", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_each_transition_is_allowed_exactly_when_the_table_lists_it(current, target):
    order = _order_in(current)
    events_before = OrderEvent.objects.filter(order=order).count()

    if target in ORDER_TRANSITIONS[current]:
        moved = order_transition(order_id=order.pk, to=target, actor="test")
        assert moved.status == target
        event = OrderEvent.objects.filter(order=order).last()
        assert (event.from_status, event.to_status, event.actor) == (current, target, "test")
    else:
        with pytest.raises(Conflict) as refused:
            order_transition(order_id=order.pk, to=target, actor="test")
        assert refused.value.code == "invalid_transition"
        assert refused.value.extra["allowed"] == sorted(ORDER_TRANSITIONS[current])
        order.refresh_from_db()
        assert order.status == current
        assert OrderEvent.objects.filter(order=order).count() == events_before


def test_terminal_states_have_no_way_out():
    assert ORDER_TRANSITIONS[OrderStatus.DELIVERED] == frozenset()
    assert ORDER_TRANSITIONS[OrderStatus.CANCELLED] == frozenset()
    assert set(ORDER_TRANSITIONS) == set(OrderStatus.values)


# The order's statuses as the business ranks them: payment first, then production, then the
# parcels; an order never moves back.
RANK = {
    OrderStatus.PENDING_PAYMENT: 0,
    OrderStatus.PLACED: 1,
    OrderStatus.IN_PRODUCTION: 2,
    OrderStatus.PARTIALLY_SHIPPED: 3,
    OrderStatus.SHIPPED: 4,
    OrderStatus.DELIVERED: 5,
}


def business_allows(current: str, target: str) -> bool:
    """The rules of an order's life, as the business states them (not read from the table)."""
    if current in {OrderStatus.CANCELLED, OrderStatus.DELIVERED}:
        return False  # final
    if target == OrderStatus.CANCELLED:
        return current in {OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED}  # before any plant
    if current == OrderStatus.PENDING_PAYMENT:
        return target == OrderStatus.PLACED  # nothing is made before it is paid
    if target == OrderStatus.DELIVERED:
        return current == OrderStatus.SHIPPED  # delivered only once everything shipped
    return RANK[target] > RANK[current]  # never backwards, never standing still


class OrderMachine(RuleBasedStateMachine):
    """Random walks over the status machine: the database never holds an illegal move."""

    def __init__(self) -> None:
        super().__init__()
        self.order = place_order(demo_product(), {"finish": "brushed"})
        self.expected = self.order.status

    @rule(to=st.sampled_from(OrderStatus.values))
    def attempt(self, to: str) -> None:
        allowed = business_allows(self.expected, to)
        try:
            order_transition(order_id=self.order.pk, to=to, actor="hypothesis")
        except Conflict:
            assert not allowed, f"{self.expected} -> {to} refused but allowed"
        else:
            assert allowed, f"{self.expected} -> {to} accepted but not allowed"
            self.expected = to

    @rule(data=st.data())
    def attempt_every_move_from_here(self, data: st.DataObject) -> None:
        """Every move out of the current status, so that each status is probed fully."""
        for to in OrderStatus.values:
            if not business_allows(self.expected, to):
                self.attempt(to)
        onward = [to for to in OrderStatus.values if business_allows(self.expected, to)]
        if onward:
            self.attempt(data.draw(st.sampled_from(onward)))

    @invariant()
    def status_and_history_agree(self) -> None:
        status = Order.objects.values_list("status", flat=True).get(pk=self.order.pk)
        assert status == self.expected
        moves = OrderEvent.objects.filter(order=self.order, kind="status").exclude(from_status="")
        for from_status, to_status in moves.values_list("from_status", "to_status"):
            assert business_allows(from_status, to_status), f"{from_status} -> {to_status}"


def test_no_illegal_order_transition_is_ever_accepted():
    run_state_machine_as_test(
        OrderMachine,
        settings=settings(max_examples=20, stateful_step_count=10, deadline=None),
    )


# --- The order's life driven by the real services -------------------------------------------
# An order never moves back (``RANK``), and is cancelled only before any plant accepted work.
COMMITTED = {"accepted", "in_production", "qc_failed", "qc_passed", "shipped"}
ONWARD = {
    "offered": "accept",
    "accepted": "started",
    "in_production": "qc_passed",
    "qc_failed": "rework",
    "qc_passed": "shipped",
}
_tracking = itertools.count()


class OrderLifecycle(RuleBasedStateMachine):
    """A two-line order unpaid at first; customers, operators, the planner, the router and
    the plants act on it in random order through their services."""

    plant = None
    product = None

    def __init__(self) -> None:
        super().__init__()
        lines = []
        for finish in ("brushed", "matte_black"):
            configuration, quantity = configuration_create(
                product=self.product, raw={"quantity": 1, "options": {"finish": finish}}
            )
            lines.append(
                LineRequest(product=self.product, configuration=configuration, quantity=quantity)
            )
        self.order = order_place(
            lines=lines, email="li@example.com", ship_to=SHIP_TO, actor="customer", paid=False
        )
        self.previous = self.order.status
        self.ever_accepted = False

    @initialize(paid=st.sampled_from([True, True, False]))
    def paid_and_offered(self, paid: bool) -> None:
        """Most walks start paid, planned and offered to the plant; some unpaid."""
        if paid:
            self.operator_marks_paid()
            self.planner_and_router_run()
            self.previous = self.status()

    def status(self) -> str:
        return Order.objects.values_list("status", flat=True).get(pk=self.order.pk)

    def work_orders(self) -> list[WorkOrder]:
        return list(WorkOrder.objects.filter(order_id=self.order.pk).order_by("pk"))

    @rule()
    def operator_marks_paid(self) -> None:
        before = self.status()
        try:
            order_mark_paid(order_id=self.order.pk, actor="admin:olga")
        except Conflict:
            assert before != OrderStatus.PENDING_PAYMENT
        else:
            assert before == OrderStatus.PENDING_PAYMENT

    @rule()
    def planner_and_router_run(self) -> None:
        messages = OutboxMessage.objects.filter(
            topic="order.paid", payload__order_id=self.order.pk, processed_at__isnull=True
        ).values_list("pk", flat=True)
        orders_plan(message_ids=list(messages))
        work_orders_route(work_order_ids=[wo.pk for wo in self.work_orders()])

    @rule()
    def customer_cancels(self) -> None:
        before = self.status()
        try:
            order_cancel(order_id=self.order.pk, actor="customer")
        except Conflict:
            assert before not in {OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED}
        else:
            assert before in {OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED}
            assert not self.ever_accepted, "cancelled an order a plant accepted"

    @rule()
    def carrier_confirms_delivery(self) -> None:
        before = self.status()
        try:
            order_mark_delivered(order_id=self.order.pk, actor="carrier:sf")
        except Conflict:
            assert before != OrderStatus.SHIPPED
        else:
            assert before == OrderStatus.SHIPPED

    @rule(
        line=st.integers(0, 1),
        action=st.sampled_from(
            [
                "accept",
                "decline",
                "started",
                "qc_passed",
                "qc_failed",
                "rework",
                "shipped",
                "release",
            ]
        ),
    )
    def plant_acts(self, line: int, action: str) -> None:
        work_orders = self.work_orders()
        if line < len(work_orders):
            self._act(work_orders[line], action)

    @rule(lines=st.sampled_from([(0,), (1,), (0, 1), (0, 1)]))
    def plant_moves_lines_on(self, lines: tuple[int, ...]) -> None:
        """The next step of the process, so that walks reach shipped and delivered."""
        work_orders = self.work_orders()
        for line in lines:
            if line < len(work_orders):
                work_order = work_orders[line]
                self._act(work_order, ONWARD.get(work_order.status, "accept"))

    def _act(self, work_order: WorkOrder, action: str) -> None:
        common = {"factory": self.plant, "work_order_id": work_order.pk, "actor": "plant"}
        try:
            if action == "accept":
                work_order_accept(**common)
                self.ever_accepted = True
            elif action == "decline":
                work_order_decline(**common, reason_code="no_capacity")
            elif action == "release":
                work_order_release(**common, reason_code="other", reason="down")
            else:
                data = {
                    "qc_failed": {"reason": "smudge"},
                    "shipped": {"carrier": "SF", "tracking_number": f"T{next(_tracking)}"},
                }.get(action, {})
                work_order_report(**common, event=action, data=data)
        except (Conflict, NotFound):
            pass  # the work-order machine is checked in tests/production

    @invariant()
    def the_order_never_moves_back_and_matches_its_work(self) -> None:
        status = self.status()
        if status == OrderStatus.CANCELLED:
            assert self.previous in {OrderStatus.PENDING_PAYMENT, OrderStatus.PLACED, status}
            assert not self.ever_accepted
        else:
            assert self.previous != OrderStatus.CANCELLED, "a cancelled order came back"
            assert RANK[status] >= RANK[self.previous], f"{self.previous} -> {status}"
        work = [wo.status for wo in self.work_orders() if wo.status != "cancelled"]
        if status in {OrderStatus.SHIPPED, OrderStatus.DELIVERED}:
            assert work and all(s == "shipped" for s in work), work
        if status == OrderStatus.PARTIALLY_SHIPPED:
            assert "shipped" in work
        if self.ever_accepted or any(s in COMMITTED for s in work):
            assert RANK.get(status, -1) >= RANK[OrderStatus.IN_PRODUCTION], status
        if status in {OrderStatus.PENDING_PAYMENT, OrderStatus.CANCELLED}:
            assert not any(s in COMMITTED for s in work)
        self.previous = status


def test_no_service_ever_moves_an_order_backwards_or_out_of_order():
    OrderLifecycle.plant = PlantFactory(code="order-machine-plant")
    OrderLifecycle.product = demo_product()
    run_state_machine_as_test(
        OrderLifecycle,
        settings=settings(max_examples=30, stateful_step_count=30, deadline=None),
    )
