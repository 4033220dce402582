"""The order status machine: every move the table allows works, every other is refused."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from c2m.errors import Conflict
from orders.models import ORDER_TRANSITIONS, Order, OrderEvent, OrderStatus
from orders.services.orders import order_transition
from tests.factories import demo_product, place_order

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


class OrderMachine(RuleBasedStateMachine):
    """Random walks over the status machine: the database never holds an illegal move."""

    def __init__(self) -> None:
        super().__init__()
        self.order = place_order(demo_product(), {"finish": "brushed"})
        self.expected = self.order.status

    @rule(to=st.sampled_from(OrderStatus.values))
    def attempt(self, to: str) -> None:
        target = to
        allowed = target in ORDER_TRANSITIONS[self.expected]
        try:
            order_transition(order_id=self.order.pk, to=target, actor="hypothesis")
        except Conflict:
            assert not allowed, f"{self.expected} -> {target} refused but allowed"
        else:
            assert allowed, f"{self.expected} -> {target} accepted but not allowed"
            self.expected = target

    @invariant()
    def status_and_history_agree(self) -> None:
        status = Order.objects.values_list("status", flat=True).get(pk=self.order.pk)
        assert status == self.expected
        moves = OrderEvent.objects.filter(order=self.order, kind="status").exclude(from_status="")
        for from_status, to_status in moves.values_list("from_status", "to_status"):
            assert to_status in ORDER_TRANSITIONS[from_status]


def test_no_illegal_order_transition_is_ever_accepted():
    run_state_machine_as_test(
        OrderMachine,
        settings=settings(max_examples=20, stateful_step_count=10, deadline=None),
    )
