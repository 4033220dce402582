"""The service-task status machine, driven by the real services: paying creates the task,
operators move it, the customer cancels the order, and anyone asks the transition service
for any move.

The rules checked are the business's, written here independently of
``SERVICE_TASK_TRANSITIONS``: a task is done only after someone worked on it, a task still
to do can be put aside (cancelled), and done or cancelled is final. Loosening the table
(open → done, done → open, cancelled → in progress …) fails this test.
"""

from __future__ import annotations

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
from orders.models import ServiceTask, ServiceTaskEvent, ServiceTaskStatus
from orders.services.lifecycle import order_cancel
from orders.services.service_tasks import service_task_transition

from .conftest import OAK_TABLE, buy

pytestmark = pytest.mark.django_db

T = ServiceTaskStatus
FINAL = {T.DONE, T.CANCELLED}


def business_allows(current: str, target: str) -> bool:
    """The service-task rules as the business states them (not read from the table)."""
    if current in FINAL or current == target:
        return False
    if target == T.DONE:
        return current == T.IN_PROGRESS  # done only after someone worked on it
    if target == T.IN_PROGRESS:
        return current == T.OPEN
    if target == T.OPEN:
        return current == T.IN_PROGRESS  # put back for someone else
    return target == T.CANCELLED  # anything not final can be put aside


class ServiceTaskLife(RuleBasedStateMachine):
    """One paid order with design help; operators and the customer act on it."""

    product = None

    @initialize()
    def paid(self) -> None:
        self.order = buy(self.product, **OAK_TABLE, services=["design_help"])
        self.task = ServiceTask.objects.get(order=self.order)
        self.seen = self.task.status
        assert self.seen == T.OPEN

    def status(self) -> str:
        return ServiceTask.objects.values_list("status", flat=True).get(pk=self.task.pk)

    @rule(to=st.sampled_from(T.values))
    def operator_asks_for_any_move(self, to: str) -> None:
        before = self.status()
        try:
            service_task_transition(task_id=self.task.pk, to=to, actor="admin:olga")
        except Conflict:
            assert not business_allows(before, to), f"{before} -> {to} refused"
        else:
            assert business_allows(before, to), f"{before} -> {to} accepted"

    @rule()
    def customer_cancels_the_order(self) -> None:
        before = self.status()
        try:
            order_cancel(order_id=self.order.pk, actor="customer")
        except Conflict:
            return  # cancelled already
        after = self.status()
        assert after == (before if before in FINAL else T.CANCELLED)

    @invariant()
    def every_move_is_one_the_business_allows_and_is_recorded(self) -> None:
        if not hasattr(self, "task"):
            return
        status = self.status()
        if status != self.seen:
            assert business_allows(self.seen, status), f"{self.seen} -> {status}"
        self.seen = status
        last = ServiceTaskEvent.objects.filter(task=self.task).last()
        assert last is not None and last.to_status == status


def test_no_service_task_ever_moves_against_the_rules(table, quiet_broker):
    ServiceTaskLife.product = table
    run_state_machine_as_test(
        ServiceTaskLife,
        settings=settings(max_examples=25, stateful_step_count=10, deadline=None),
    )
