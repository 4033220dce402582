"""The payment status machine, driven by the real services: checkout (invoice or card), the
operator marking an invoice paid, provider notifications (captured, failed, refunded), the
customer cancelling, and the transition service itself asked for any move.

The rules checked are the business's, written here independently of
``PAYMENT_TRANSITIONS``: money is taken only from an open payment, given back only once
taken, and a payment that failed, was voided or was refunded is never reopened. Loosening
the table (refunded → captured, declined → captured, captured → voided …) fails this test.
"""

from __future__ import annotations

import itertools
import json
import time
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.test import Client, TestCase
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
from orders.models import Order, Payment, PaymentStatus
from orders.services.lifecycle import order_cancel, order_mark_paid
from orders.services.payments import sign
from orders.services.payments.status import payment_transition
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db

P = PaymentStatus
# Waiting for money, or holding an authorization: nothing has moved yet.
OPEN = {P.PENDING, P.AUTHORIZED}
# A payment that failed, was voided or was given back is over: a new attempt is a new payment.
OVER = {P.DECLINED, P.VOIDED, P.REFUNDED}


def business_allows(current: str, target: str) -> bool:
    """The payment rules as the business states them (not read from the table)."""
    if current in OVER or current == target:
        return False
    if target == P.CAPTURED:
        return current in OPEN  # money is taken once, from an open payment
    if target == P.REFUNDED:
        return current == P.CAPTURED  # only money taken is given back
    if target == P.VOIDED:
        return current in OPEN  # voided only before any money moved
    if target == P.DECLINED:
        return current == P.PENDING  # the provider refuses what it was still waiting for
    return False  # nothing becomes pending or authorized again


_events = itertools.count()


class PaymentLife(RuleBasedStateMachine):
    """One order paid by invoice or by card; everyone who can touch its payment does."""

    @initialize(provider=st.sampled_from(["invoice", "test"]))
    def checked_out(self, provider: str) -> None:
        overrides = {"payment_provider": provider}
        if provider == "invoice":
            overrides["payment_data"] = {}
        self.order = place(fill_cart(self.product), **overrides)
        self.payment = Payment.objects.get(order=self.order)
        self.provider = provider
        self.seen = self.payment.status
        assert self.seen == (P.PENDING if provider == "invoice" else P.CAPTURED)

    def status(self) -> str:
        return Payment.objects.values_list("status", flat=True).get(pk=self.payment.pk)

    def order_status(self) -> str:
        return Order.objects.values_list("status", flat=True).get(pk=self.order.pk)

    @rule()
    def operator_marks_paid(self) -> None:
        awaiting = self.order_status() == "pending_payment"
        try:
            order_mark_paid(order_id=self.order.pk, actor="admin:olga")
        except Conflict:
            assert not awaiting, "an order awaiting payment could not be marked paid"
        else:
            assert awaiting, "an order not awaiting payment was marked paid"

    @rule()
    def customer_cancels(self) -> None:
        # No plant accepts work in this test: the order can be cancelled until it is.
        open_ = self.order_status() != "cancelled"
        try:
            # The refund is sent to the provider once the cancellation commits.
            with TestCase.captureOnCommitCallbacks(execute=True):
                order_cancel(order_id=self.order.pk, actor="customer")
        except Conflict:
            assert not open_, "an unaccepted order could not be cancelled"
        else:
            assert open_, "a cancelled order was cancelled again"

    @rule(
        kind=st.sampled_from(["payment.captured", "payment.failed", "payment.refunded"]),
        share=st.sampled_from([None, "all", "half"]),
    )
    def provider_notifies(self, kind: str, share: str | None) -> None:
        body = {"type": kind, "reference": self.payment.reference}
        amount = {"all": self.payment.amount, "half": self.payment.amount / 2}.get(share)
        if amount is not None or kind == "payment.captured":
            body |= {"amount": str(amount or self.payment.amount), "currency": "CNY"}
        raw = json.dumps(body).encode()
        event_id, timestamp = f"evt_{next(_events)}", str(int(time.time()))
        secret = django_settings.PAYMENT_WEBHOOK_SECRETS[self.provider]
        response = Client().post(
            f"/api/v1/payments/{self.provider}/webhook/",
            raw,
            content_type="application/json",
            HTTP_C2M_WEBHOOK_ID=event_id,
            HTTP_C2M_WEBHOOK_TIMESTAMP=timestamp,
            HTTP_C2M_WEBHOOK_SIGNATURE=sign(
                secret=secret, event_id=event_id, timestamp=timestamp, body=raw
            ),
        )
        assert response.status_code in {200, 422}, response.content

    @rule()
    def provider_reports_a_failure(self) -> None:
        """As often as any other notification, so that walks reach declined payments."""
        self.provider_notifies("payment.failed", None)

    @rule(to=st.sampled_from(P.values))
    def anyone_asks_for_any_move(self, to: str) -> None:
        before = self.status()
        try:
            payment_transition(payment_id=self.payment.pk, to=to)
        except Conflict:
            assert not business_allows(before, to), f"{before} -> {to} refused"
        else:
            assert business_allows(before, to), f"{before} -> {to} accepted"

    @rule()
    def anyone_tries_every_forbidden_move(self) -> None:
        """Wherever the payment is, every move the rules forbid is refused."""
        before = self.status()
        for to in P.values:
            if not business_allows(before, to):
                self.anyone_asks_for_any_move(to)

    @invariant()
    def every_move_is_one_the_business_allows(self) -> None:
        if not hasattr(self, "payment"):
            return
        status = self.status()
        if status != self.seen:
            assert business_allows(self.seen, status), f"{self.seen} -> {status}"
        self.seen = status

    @invariant()
    def money_adds_up(self) -> None:
        if not hasattr(self, "payment"):
            return
        payment = Payment.objects.get(pk=self.payment.pk)
        order_status = self.order_status()
        assert Decimal("0") <= payment.refunded_amount <= payment.captured_amount
        assert payment.captured_amount in {Decimal("0"), payment.amount}
        if payment.status in {P.CAPTURED, P.REFUNDED}:
            assert payment.captured_amount == payment.amount
        if order_status == "cancelled":
            assert payment.status not in {P.CAPTURED, *OPEN}, "a cancelled order kept money"


def test_no_payment_ever_moves_against_the_rules(tumbler, quiet_broker):
    PaymentLife.product = tumbler
    run_state_machine_as_test(
        PaymentLife,
        settings=settings(max_examples=40, stateful_step_count=12, deadline=None),
    )
