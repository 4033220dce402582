"""A claim's refund whose answer the gateway lost is recorded by the reconciler, once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from orders.models import Claim, OrderEvent, Payment
from orders.services.claims import claim_refund, claim_refund_send
from orders.services.payments.intents import PaymentUnconfirmed
from tests.orders.claims.test_claim_services import file
from tests.orders.gateway_double import install_gateway, reconcile


@pytest.fixture
def gateway(monkeypatch):
    return install_gateway(monkeypatch, "test")  # the card the order was paid with


@pytest.mark.django_db(transaction=True)  # the gateway call needs no transaction open
def test_a_claim_refund_whose_answer_is_lost_is_recorded_by_reconcile_once(gateway, delivered):
    claim = file(delivered, quantity=1)
    gateway.timeout_after_refund = True
    with pytest.raises(PaymentUnconfirmed):
        claim_refund(claim_id=claim.pk, amount="10.00", plant_at_fault=False, actor="admin:op")
    gateway.timeout_after_refund = False
    assert Claim.objects.get(pk=claim.pk).status == "refund_pending"
    # An operator sending it again resumes the same refund: nothing is given twice
    assert claim_refund_send(claim_id=claim.pk, actor="admin:op").status == "refunded"

    assert reconcile() == 0
    payment = Payment.objects.get(order=delivered.order)
    assert payment.refunded_amount == Decimal("10.00") and gateway.refunds == 1
    assert OrderEvent.objects.filter(order=delivered.order, code="refunded").count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_lost_claim_refund_left_alone_is_finished_by_reconcile(gateway, delivered):
    claim = file(delivered, quantity=1)
    gateway.timeout_after_refund = True
    with pytest.raises(PaymentUnconfirmed):
        claim_refund(claim_id=claim.pk, amount="10.00", plant_at_fault=False, actor="admin:op")
    gateway.timeout_after_refund = False

    assert reconcile() == 1
    assert reconcile() == 0

    assert Claim.objects.get(pk=claim.pk).status == "refunded"
    payment = Payment.objects.get(order=delivered.order)
    assert payment.refunded_amount == Decimal("10.00") and gateway.refunds == 1
    assert OrderEvent.objects.filter(order=delivered.order, code="refunded").count() == 1
