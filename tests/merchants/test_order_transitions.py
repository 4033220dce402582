"""The merchant order status machine, driven by the real services (confirm, cancel, the
sandbox simulator and the transition service asked for any move): an order never moves
backwards, is never cancelled once a plant accepted it, a cancelled order never moves
again, and every move leaves one timeline entry. The rules are the business's, written
here independently of ``MERCHANT_ORDER_TRANSITIONS``."""

from __future__ import annotations

import contextlib
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
from merchants.models import MerchantOrder, MerchantOrderEvent, MerchantOrderStatus
from merchants.services.merchant_orders import (
    merchant_order_cancel,
    merchant_order_confirm,
    merchant_order_create,
    merchant_order_transition,
)
from merchants.services.progress import sandbox_order_advance
from merchants.services.quotes import LineInput
from tests.merchants.conftest import SHIP_TO, merchant

pytestmark = pytest.mark.django_db

S = MerchantOrderStatus
FORWARD = [S.DRAFT, S.CONFIRMED, S.IN_PRODUCTION, S.SHIPPED, S.DELIVERED]


def business_allows(current: str, target: str) -> bool:
    if current == S.CANCELLED or current == target:
        return False
    if target == S.CANCELLED:
        return current in (S.DRAFT, S.CONFIRMED)  # before any plant accepted
    return FORWARD.index(target) == FORWARD.index(current) + 1  # one step forward


@pytest.mark.parametrize("current,target", list(itertools.product(S.values, repeat=2)))
def test_the_table_allows_exactly_what_the_business_allows(current, target):
    from merchants.models import MERCHANT_ORDER_TRANSITIONS

    assert (target in MERCHANT_ORDER_TRANSITIONS[current]) == business_allows(current, target)


class MerchantOrderMachine(RuleBasedStateMachine):
    @initialize()
    def an_order(self) -> None:
        self.account = merchant(f"Biz{MerchantOrder.objects.count()}", sandbox=True).account
        self.order = merchant_order_create(
            account=self.account,
            sandbox=True,
            reference=f"R{MerchantOrder.objects.count()}",
            lines=[LineInput("TUMBLER-ENGRAVED", {"finish": "brushed"}, 1)],
            ship_to=SHIP_TO,
        )
        self.history = [S.DRAFT]

    def _record(self, action) -> None:
        before = self.status
        with contextlib.suppress(Conflict):
            action()
        after = self.status
        if after != before:
            assert business_allows(before, after), (before, after)
            self.history.append(after)

    @property
    def status(self) -> str:
        return MerchantOrder.objects.values_list("status", flat=True).get(pk=self.order.pk)

    @rule()
    def confirm(self) -> None:
        self._record(lambda: merchant_order_confirm(order_id=self.order.pk))

    @rule()
    def cancel(self) -> None:
        self._record(lambda: merchant_order_cancel(order_id=self.order.pk, actor="test"))

    @rule()
    def advance(self) -> None:
        self._record(lambda: sandbox_order_advance(order_id=self.order.pk))

    @rule(to=st.sampled_from(S.values))
    def any_move(self, to: str) -> None:
        self._record(lambda: merchant_order_transition(order_id=self.order.pk, to=to, actor="test"))

    @invariant()
    def one_timeline_entry_per_move(self) -> None:
        if not hasattr(self, "order"):
            return
        moves = list(
            MerchantOrderEvent.objects.filter(order=self.order).values_list("to_status", flat=True)
        )
        assert moves == self.history


def test_no_sequence_of_actions_breaks_the_rules(tumbler):
    run_state_machine_as_test(
        MerchantOrderMachine,
        settings=settings(max_examples=12, stateful_step_count=8, deadline=None),
    )
