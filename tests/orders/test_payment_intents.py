"""Money is taken outside locks, recorded first, reconciled (docs/reliability.md, 25).

A gateway double (registered like the sandbox) answers as the sandbox does but can time
out after it moved the money, and checks, during each money-moving call, that the
calling connection holds no lock in PostgreSQL.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import psycopg
import pytest
from django.db import connection

from orders.models import (
    Order,
    OrderEvent,
    Payment,
    PaymentIntent,
    PaymentIntentKind,
    PaymentIntentStatus,
)
from orders.services.lifecycle import order_cancel
from orders.services.payments.intents import (
    PaymentUnconfirmed,
    payment_intent_move,
    payment_intents_reconcile,
)
from orders.services.payments.sandbox import APPROVE
from tests.mail import emails_sent
from tests.orders.conftest import fill_cart, place
from tests.orders.gateway_double import install_gateway, reconcile

PI = PaymentIntentStatus


@pytest.fixture
def gateway(settings, monkeypatch):
    fake = install_gateway(monkeypatch, "flaky")
    settings.PAYMENT_PROVIDERS = [*settings.PAYMENT_PROVIDERS, fake.code]
    return fake


def pay(cart, **overrides):
    return place(cart, payment_provider="flaky", payment_data={"card_number": APPROVE}, **overrides)


@pytest.mark.django_db
def test_a_capture_whose_answer_is_lost_is_placed_by_reconcile_exactly_once(
    tumbler, gateway, django_capture_on_commit_callbacks, mailoutbox
):
    # Given the gateway captures the money and then times out
    cart = fill_cart(tumbler)
    gateway.timeout_after_capture = True
    with pytest.raises(PaymentUnconfirmed) as unconfirmed:
        pay(cart, idempotency_key="lost-answer-1")
    gateway.timeout_after_capture = False
    # Then the shopper is told (503) and the charge is on record, its outcome unknown
    assert unconfirmed.value.status == 503 and "not be charged twice" in unconfirmed.value.detail
    intent = PaymentIntent.objects.get()
    assert (intent.status, gateway.captures, Order.objects.count()) == (PI.UNKNOWN, 1, 0)
    # And a reconcile run before the intent is old enough leaves it alone
    assert payment_intents_reconcile() == 0

    # When reconcile asks the gateway
    with django_capture_on_commit_callbacks(execute=True):
        assert reconcile() == 1
    # Then the order is placed and paid with what was captured, once, and the shopper told
    order = Order.objects.get()
    payment = Payment.objects.get(order=order)
    assert (order.status, payment.status, payment.captured_amount) == (
        "placed",
        "captured",
        order.total,
    )
    cart.refresh_from_db()
    assert cart.order_id == order.pk and len(emails_sent()) == 1
    # And running it again changes nothing
    assert reconcile() == 0
    assert (Order.objects.count(), Payment.objects.count(), gateway.captures) == (1, 1, 1)
    assert PaymentIntent.objects.get().status == PI.COMPLETED


@pytest.mark.django_db
def test_resubmitting_after_a_lost_answer_resumes_the_same_charge(tumbler, gateway):
    cart = fill_cart(tumbler)
    gateway.timeout_after_capture = True
    with pytest.raises(PaymentUnconfirmed):
        pay(cart, idempotency_key="resubmit-key-1")
    gateway.timeout_after_capture = False

    order = pay(cart, idempotency_key="resubmit-key-1")

    assert order.status == "placed"
    assert (gateway.captures, PaymentIntent.objects.count()) == (1, 1)
    assert reconcile() == 0 and Order.objects.count() == 1


@pytest.mark.django_db
def test_a_crash_while_writing_the_order_leaves_the_charge_for_reconcile(
    tumbler, gateway, monkeypatch
):
    # Given the order cannot be written right after the capture (the process fails)
    import orders.services.checkout as checkout

    def crash(**kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(checkout, "order_create", crash)
    with pytest.raises(PaymentUnconfirmed):
        pay(fill_cart(tumbler))
    monkeypatch.undo()
    # Then the money taken is on record
    intent = PaymentIntent.objects.get()
    assert (intent.status, intent.outcome, Order.objects.count()) == (PI.SUCCEEDED, "captured", 0)

    # When reconcile runs (twice), the order is written once, with no second capture
    assert reconcile() == 1
    assert reconcile() == 0
    assert Order.objects.get().status == "placed"
    assert (Payment.objects.count(), gateway.captures) == (1, 1)


@pytest.mark.django_db
def test_a_cancellation_refund_whose_answer_is_lost_is_recorded_by_reconcile_once(
    tumbler, gateway, django_capture_on_commit_callbacks
):
    order = pay(fill_cart(tumbler))
    gateway.timeout_after_refund = True
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order_id=order.pk, actor="customer")
    gateway.timeout_after_refund = False
    # The order is cancelled; the refund went out but its answer was lost
    payment = Payment.objects.get(order=order)
    refund = PaymentIntent.objects.get(kind=PaymentIntentKind.REFUND)
    assert (payment.status, refund.status, gateway.refunds) == ("captured", PI.UNKNOWN, 1)

    assert reconcile() == 1
    assert reconcile() == 0

    payment.refresh_from_db()
    assert (payment.status, payment.refunded_amount) == ("refunded", order.total)
    assert gateway.refunds == 1
    assert OrderEvent.objects.filter(order=order, code="refunded").count() == 1


@pytest.mark.django_db(transaction=True)
def test_no_lock_is_held_while_the_gateway_moves_money(tumbler, gateway, quiet_broker):
    # During each capture and refund, a second connection lists the locks the first holds
    held: list[list[tuple[str, str, str]]] = []

    def locks_of_this_connection() -> None:
        pid = connection.connection.info.backend_pid
        db = connection.settings_dict
        with psycopg.connect(
            host=db["HOST"],
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"],
            dbname=db["NAME"],
        ) as other:
            rows = other.execute(
                "SELECT locktype, mode, coalesce(relation::regclass::text, '') FROM pg_locks "
                "WHERE pid = %s AND locktype <> 'virtualxid'",
                [pid],
            ).fetchall()
        held.append([*rows, *([("atomic", "", "")] if connection.in_atomic_block else [])])

    gateway.during_call = locks_of_this_connection
    order = pay(fill_cart(tumbler))
    order_cancel(order_id=order.pk, actor="customer")

    assert len(held) == 2  # the capture, the cancellation's refund
    assert held == [[], []]
    assert Payment.objects.get(order=order).status == "refunded"


def business_allows(current: str, target: str) -> bool:
    """The rules as the business states them (not read from the table)."""
    if current in {PI.COMPLETED, PI.FAILED, PI.REVERSED}:
        return False  # recorded on the order, refused, or given back: over
    if target == PI.UNKNOWN:
        return current == PI.PENDING  # only a call under way can lose its answer
    if target in {PI.SUCCEEDED, PI.FAILED}:
        return current in {PI.PENDING, PI.UNKNOWN}  # the provider's answer, once
    if target in {PI.COMPLETED, PI.REVERSED}:
        return current == PI.SUCCEEDED  # only money taken is recorded or given back
    return False  # nothing becomes pending again


PATHS = {
    PI.PENDING: [],
    PI.UNKNOWN: [PI.UNKNOWN],
    PI.SUCCEEDED: [PI.SUCCEEDED],
    PI.FAILED: [PI.FAILED],
    PI.COMPLETED: [PI.SUCCEEDED, PI.COMPLETED],
    PI.REVERSED: [PI.SUCCEEDED, PI.REVERSED],
}


@pytest.mark.django_db
@pytest.mark.parametrize("current,target", list(itertools.product(PI.values, PI.values)))
def test_each_intent_move_is_allowed_exactly_when_the_business_allows_it(current, target):
    from c2m.errors import Conflict

    intent = PaymentIntent.objects.create(
        kind=PaymentIntentKind.CHARGE,
        purpose="checkout",
        provider="test",
        currency="CNY",
        amount=Decimal("10.00"),
    )
    for step in PATHS[current]:
        payment_intent_move(intent=intent, to=step)
    assert intent.status == current
    if business_allows(current, target):
        payment_intent_move(intent=intent, to=target)
        intent.refresh_from_db()
        assert intent.status == target
    else:
        with pytest.raises(Conflict):
            payment_intent_move(intent=intent, to=target)
        intent.refresh_from_db()
        assert intent.status == current
