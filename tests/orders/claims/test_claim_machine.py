"""The claim status machine: every move the table allows works and is recorded, every
other is refused; and driven by the real services (the customer, the operator's triage,
the payment provider, production's reprint) a claim never moves against the business's
rules, written here independently of ``CLAIM_TRANSITIONS``: a decision is taken once, only
an undecided claim may be asked about or answered, money is given back only after a refund
was approved, and only a reprint can be resolved by shipping it."""

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
    precondition,
    rule,
    run_state_machine_as_test,
)

from c2m.errors import ApplicationError, Conflict
from orders.models import CLAIM_TRANSITIONS, Claim, ClaimStatus
from orders.models.claim_status import CLOSED, DECIDABLE
from orders.services.claims import (
    claim_add_info,
    claim_approve_reprint,
    claim_file,
    claim_move,
    claim_refund,
    claim_reject,
    claim_request_info,
)
from production.models import WorkOrder
from production.services.routing import work_orders_route
from tests.orders.claims.conftest import delivered_order, make_through, production_hears

C = ClaimStatus
# A problem report's statuses (repairs and returns: test_claim_kinds_machine.py).
PROBLEM = [
    C.OPEN,
    C.INFO_REQUESTED,
    C.REPRINTING,
    C.REFUND_PENDING,
    C.REFUNDED,
    C.REJECTED,
    C.RESOLVED,
]
PAIRS = list(itertools.product(PROBLEM, repeat=2))
UNDECIDED = {C.OPEN, C.INFO_REQUESTED}
FINAL = {C.REFUNDED, C.REJECTED, C.RESOLVED}


def business_allows(current: str, target: str) -> bool:
    """The claim's rules as the business states them (not read from the table)."""
    if current in FINAL or current == target:
        return False  # refunded, declined and resolved claims are over
    if target == C.OPEN:
        return current == C.INFO_REQUESTED  # the customer's answer reopens it
    if target in {C.INFO_REQUESTED, C.REPRINTING, C.REFUND_PENDING, C.REJECTED}:
        return current in UNDECIDED  # one decision, taken while undecided
    if target == C.REFUNDED:
        return current == C.REFUND_PENDING  # money goes back only once approved
    if target == C.RESOLVED:
        return current == C.REPRINTING  # a reprint is resolved by shipping it
    return False


def test_the_table_is_the_business_rules():
    assert set(CLAIM_TRANSITIONS) == set(PROBLEM)
    for current, target in PAIRS:
        assert (target in CLAIM_TRANSITIONS[current]) == business_allows(current, target), (
            current,
            target,
        )
    assert CLOSED & set(PROBLEM) == FINAL and DECIDABLE == UNDECIDED


@pytest.mark.django_db
@pytest.mark.parametrize(("current", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_each_move_is_allowed_exactly_when_the_table_lists_it(
    tumbler, quiet_broker, current, target
):
    delivered = delivered_order(tumbler, quantity=1)
    claim = claim_file(
        order_id=delivered.order.pk,
        line_id=delivered.order.lines.get().pk,
        reason="damaged",
        quantity=1,
        description="Dented.",
        actor="customer",
    )
    # Test setup only: put the claim straight into the state under test.
    Claim.objects.filter(pk=claim.pk).update(status=current)
    claim.refresh_from_db()
    events = claim.events.count()
    if target in CLAIM_TRANSITIONS[current]:
        claim_move(claim=claim, to=target, actor="test")
        claim.refresh_from_db()
        assert claim.status == target
        last = claim.events.last()
        assert (last.from_status, last.to_status, last.actor) == (current, target, "test")
    else:
        with pytest.raises(Conflict) as refused:
            claim_move(claim=claim, to=target, actor="test")
        assert refused.value.code == "invalid_transition"
        assert refused.value.extra["allowed"] == sorted(CLAIM_TRANSITIONS[current])
        assert Claim.objects.get(pk=claim.pk).status == current
        assert claim.events.count() == events


class ClaimLife(RuleBasedStateMachine):
    """One claim; the customer, the operators, the provider and the plants all act on it."""

    tumbler = None

    @initialize(reason=st.sampled_from(["damaged", "misprint", "late", "other"]))
    def filed(self, reason: str) -> None:
        self.delivered = delivered_order(self.tumbler, quantity=1)
        self.claim = claim_file(
            order_id=self.delivered.order.pk,
            line_id=self.delivered.order.lines.get().pk,
            reason=reason,
            quantity=1,
            description="Something is wrong.",
            actor="customer",
        )
        self.seen = [C.OPEN]

    def status(self) -> str:
        return Claim.objects.values_list("status", flat=True).get(pk=self.claim.pk)

    def attempt(self, action) -> None:
        with contextlib.suppress(Conflict, ApplicationError):
            action()
        now = self.status()
        if now != self.seen[-1]:
            self.seen.append(now)

    @rule()
    def operator_asks_for_more(self) -> None:
        self.attempt(
            lambda: claim_request_info(claim_id=self.claim.pk, message="Photo?", actor="op")
        )

    @rule()
    def customer_answers(self) -> None:
        self.attempt(lambda: claim_add_info(claim_id=self.claim.pk, message="Here.", actor="c"))

    @rule(at_fault=st.booleans())
    def operator_approves_a_reprint(self, at_fault: bool) -> None:
        self.attempt(
            lambda: claim_approve_reprint(
                claim_id=self.claim.pk, plant_at_fault=at_fault, actor="op"
            )
        )

    @rule()
    def operator_refunds(self) -> None:
        self.attempt(
            lambda: claim_refund(
                claim_id=self.claim.pk, amount="1.00", plant_at_fault=False, actor="op"
            )
        )

    @rule()
    def operator_declines(self) -> None:
        self.attempt(lambda: claim_reject(claim_id=self.claim.pk, reason="No.", actor="op"))

    @rule()
    @precondition(lambda self: self.seen[-1] == C.REPRINTING)
    def the_reprint_is_made_and_shipped(self) -> None:
        production_hears()
        reprint = WorkOrder.objects.filter(claim_number=self.claim.number).first()
        if reprint is not None and reprint.status == "pending":
            work_orders_route(work_order_ids=[reprint.pk])
            reprint.refresh_from_db()
            if reprint.factory is None:  # no other plant can make it: it waits, unroutable
                return
            plant = reprint.factory
            self.attempt(lambda: make_through(reprint.pk, plant, f"SF{reprint.pk:09d}"))

    @invariant()
    def every_recorded_move_is_one_the_business_allows(self) -> None:
        moves = list(
            self.claim.events.exclude(to_status="")
            .order_by("pk")
            .values_list("from_status", "to_status")
        )
        assert moves[0] == ("", C.OPEN)
        for (_before, reached), (left, target) in itertools.pairwise(moves):
            assert left == reached, moves  # the timeline tells every move, in order
            assert business_allows(left, target), moves
        assert moves[-1][1] == self.status()

    @invariant()
    def money_goes_back_once_and_only_for_a_refund(self) -> None:
        claim = Claim.objects.get(pk=self.claim.pk)
        refunded = self.claim.order.payments.get().refunded_amount
        if claim.status == C.REFUNDED:
            assert refunded == claim.refund_amount
        else:
            assert refunded == 0


@pytest.mark.django_db(transaction=True)  # refunds call the provider with no transaction open
def test_no_claim_ever_moves_against_the_rules(tumbler, quiet_broker):
    ClaimLife.tumbler = tumbler
    run_state_machine_as_test(
        ClaimLife,
        settings=settings(max_examples=15, stateful_step_count=8, deadline=None),
    )
