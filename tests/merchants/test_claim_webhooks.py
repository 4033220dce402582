"""A claim on a merchant's order reaches that merchant, and only that merchant, as signed
``claim.updated`` webhooks (Standard Webhooks), one per step of the claim."""

from __future__ import annotations

import time

import pytest
from standardwebhooks.webhooks import Webhook

from merchants.models import WebhookDelivery, WebhookEvent
from merchants.services.claim_updates import merchant_claims_follow
from merchants.services.progress import merchant_orders_follow_production
from merchants.services.webhooks import webhook_request
from orders.models import Order
from orders.services.claims import claim_file, claim_reject, claim_request_info
from tests.merchants.test_orders import draft, planned_and_routed
from tests.orders.claims.conftest import delivered_order, make_through

pytestmark = pytest.mark.django_db


def delivered_merchant_order(merchant, reference: str) -> tuple[dict, Order]:
    order = draft(merchant, reference, confirm=True)
    plant, work_order = planned_and_routed(order["order_number"])
    make_through(work_order.pk, plant, tracking=f"SF-{reference}")
    merchant_orders_follow_production()
    return order, Order.objects.get(number=order["order_number"])


def test_each_step_of_a_claim_is_a_signed_claim_updated_webhook_to_that_merchant_only(
    acme, globex, quiet_broker
):
    acme_secret = acme.put("/webhook/", {"url": "https://acme.example.com/hooks"}).json()["secret"]
    globex.put("/webhook/", {"url": "https://globex.example.com/hooks"})
    merchant_order, order = delivered_merchant_order(acme, "PO-CLAIM")
    line = order.lines.get()

    claim = claim_file(
        order_id=order.pk,
        line_id=line.pk,
        reason="damaged",
        quantity=1,
        description="The lid arrived cracked.",
        actor="operator:support",
    )
    assert merchant_claims_follow() == 1
    claim_request_info(claim_id=claim.pk, message="Please send a photo of the lid.", actor="op")
    claim_reject(claim_id=claim.pk, reason="The crack is from use, not shipping.", actor="op")
    assert merchant_claims_follow() == 2
    assert merchant_claims_follow() == 0  # each step is told once

    events = WebhookEvent.objects.filter(type="claim.updated").order_by("pk")
    assert {e.account_id for e in events} == {acme.account.pk}
    deliveries = WebhookDelivery.objects.filter(event__in=events).select_related(
        "event", "endpoint"
    )
    verified = [
        Webhook(acme_secret).verify(*webhook_request(d, timestamp=int(time.time())))
        for d in sorted(deliveries, key=lambda d: d.event_id)
    ]
    claims = [p["data"]["claim"] for p in verified]
    assert [(c["event"], c["status"]) for c in claims] == [
        ("filed", "open"),
        ("info_requested", "info_requested"),
        ("rejected", "rejected"),
    ]
    assert {p["type"] for p in verified} == {"claim.updated"}
    assert {p["data"]["order_id"] for p in verified} == {merchant_order["id"]}
    assert claims[0]["number"] == claim.number and claims[0]["line"] == 0
    assert claims[1]["message"] == "Please send a photo of the lid."
    # The other merchant is told nothing about it.
    assert not WebhookEvent.objects.filter(account=globex.account).exists()
    assert not WebhookDelivery.objects.filter(endpoint__account=globex.account).exists()


def test_a_claim_on_a_shoppers_order_sends_no_merchant_webhook(acme, tumbler, quiet_broker):
    acme.put("/webhook/", {"url": "https://acme.example.com/hooks"})
    shopper = delivered_order(tumbler)
    claim_file(
        order_id=shopper.order.pk,
        line_id=shopper.order.lines.get().pk,
        reason="damaged",
        quantity=1,
        description="Scratched.",
        actor="customer",
    )
    assert merchant_claims_follow() == 0
    assert not WebhookEvent.objects.filter(type="claim.updated").exists()
