"""Merchant orders: draft → confirmed (paid or invoiced, then planned like any order),
cancel within the window, and the status of each item and parcel as plants report."""

from __future__ import annotations

from decimal import Decimal

import pytest

from merchants.models import MerchantOrder, WebhookEvent
from merchants.services.progress import merchant_orders_follow_production
from orders.models import Order, OutboxMessage, Payment
from orders.services.payments.sandbox import APPROVE, DECLINE
from production.models import Factory, WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.merchants.conftest import BRUSHED, SHIP_TO, quote_body

pytestmark = pytest.mark.django_db


def draft(merchant, reference: str = "PO-1", **extra) -> dict:
    response = merchant.post(
        "/orders/", {"reference": reference, "lines": [BRUSHED], "ship_to": SHIP_TO, **extra}
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_a_draft_costs_nothing_and_reaches_no_plant_until_confirmed(acme, quiet_broker):
    order = draft(acme)

    assert order["status"] == "draft" and order["order_number"] is None
    assert order["total"] == "244.20"  # 2 × 116.10 + 12.00 standard shipping
    assert not Order.objects.exists() and not OutboxMessage.objects.exists()

    confirmed = acme.post(f"/orders/{order['id']}/confirm/", {}).json()

    assert confirmed["status"] == "confirmed" and confirmed["order_number"]
    placed = Order.objects.get(number=confirmed["order_number"])
    # Net terms: sent to production at once, its invoice left to pay.
    assert placed.status == "placed" and placed.total == Decimal("244.20")
    assert [line.unit_price for line in placed.lines.all()] == [Decimal("116.10")]
    assert Payment.objects.get(order=placed).status == "pending"
    assert OutboxMessage.objects.filter(
        topic="order.paid", payload={"order_id": placed.pk}
    ).exists()
    again = acme.post(f"/orders/{order['id']}/confirm/", {}).json()
    assert again["order_number"] == confirmed["order_number"]
    assert Order.objects.count() == 1


def test_an_order_from_a_quote_keeps_the_quoted_lines_and_date(acme, quiet_broker):
    quote = acme.post("/quotes/", quote_body(method="express")).json()

    order = acme.post(
        "/orders/", {"reference": "PO-Q", "quote_id": quote["id"], "confirm": True}
    ).json()

    assert order["status"] == "confirmed" and order["quote_id"] == quote["id"]
    assert order["shipping_method"] == "express"
    assert order["promised_date"] == quote["promised_date"]


def test_card_terms_charge_the_card_and_a_declined_card_places_nothing(globex, quiet_broker):
    order = draft(globex)

    declined = globex.post(f"/orders/{order['id']}/confirm/", {"payment": {"card_number": DECLINE}})
    assert declined.status_code == 402 and declined.json()["code"] == "payment_declined"
    assert not Order.objects.exists()

    paid = globex.post(f"/orders/{order['id']}/confirm/", {"payment": {"card_number": APPROVE}})
    assert paid.status_code == 200, paid.content
    placed = Order.objects.get(number=paid.json()["order_number"])
    assert placed.status == "placed" and Payment.objects.get(order=placed).status == "captured"
    assert placed.total == Decimal("270.00")  # list price: 2 × 129.00 + 12.00


def test_an_order_refused_at_confirmation_leaves_no_draft_so_the_reference_can_be_resent(
    globex, quiet_broker
):
    body = {"reference": "PO-5", "lines": [BRUSHED], "ship_to": SHIP_TO, "confirm": True}

    declined = globex.post("/orders/", body | {"payment": {"card_number": DECLINE}})
    paid = globex.post("/orders/", body | {"payment": {"card_number": APPROVE}})

    assert declined.status_code == 402
    assert paid.status_code == 201 and paid.json()["status"] == "confirmed"
    assert MerchantOrder.objects.get().reference == "PO-5"


def test_invoice_terms_refuse_an_order_beyond_the_credit_limit(acme, quiet_broker):
    acme.account.credit_limit = Decimal("400")
    acme.account.save(update_fields=["credit_limit"])
    draft(acme, "PO-1", confirm=True)  # 244.20 owed

    response = acme.post(
        "/orders/", {"reference": "PO-2", "lines": [BRUSHED], "ship_to": SHIP_TO, "confirm": True}
    )

    assert response.status_code == 402
    assert response.json()["code"] == "credit_limit_exceeded"
    assert Order.objects.count() == 1


def test_the_reference_is_unique_per_account_only(acme, globex, quiet_broker):
    draft(acme, "PO-7")

    again = acme.post("/orders/", {"reference": "PO-7", "lines": [BRUSHED], "ship_to": SHIP_TO})

    assert again.status_code == 409 and again.json()["code"] == "reference_taken"
    assert draft(globex, "PO-7")["reference"] == "PO-7"
    assert acme.get("/orders/", reference="PO-7").json()["results"][0]["reference"] == "PO-7"


def test_cancel_within_the_window_voids_the_invoice_and_is_refused_once_a_plant_accepted(
    acme, quiet_broker
):
    first = draft(acme, "PO-1", confirm=True)
    cancelled = acme.post(f"/orders/{first['id']}/cancel/")
    assert cancelled.json()["status"] == "cancelled"
    assert Order.objects.get(number=first["order_number"]).status == "cancelled"
    assert Payment.objects.get(order__number=first["order_number"]).status == "voided"

    second = draft(acme, "PO-2", confirm=True)
    plant, work_order = planned_and_routed(second["order_number"])
    work_order_accept(factory=plant, work_order_id=work_order.pk, actor="plant")
    merchant_orders_follow_production()

    refused = acme.post(f"/orders/{second['id']}/cancel/")
    assert refused.status_code == 409 and refused.json()["code"] == "not_cancellable"


def planned_and_routed(number: str) -> tuple[Factory, WorkOrder]:
    order = Order.objects.get(number=number)
    message = OutboxMessage.objects.get(topic="order.paid", payload={"order_id": order.pk})
    [work_order_id] = orders_plan(message_ids=[message.pk])
    work_orders_route(work_order_ids=[work_order_id])
    work_order = WorkOrder.objects.select_related("factory").get(pk=work_order_id)
    assert work_order.factory is not None
    return work_order.factory, work_order


def test_a_live_order_follows_its_plant_with_status_per_item_and_parcel_and_a_webhook_each(
    acme, quiet_broker
):
    order = draft(acme, "PO-9", confirm=True)
    plant, work_order = planned_and_routed(order["order_number"])

    work_order_accept(factory=plant, work_order_id=work_order.pk, actor="plant")
    merchant_orders_follow_production()
    assert acme.get(f"/orders/{order['id']}/").json()["status"] == "in_production"

    for event in ("started", "qc_passed"):
        work_order_report(
            factory=plant, work_order_id=work_order.pk, actor="plant", event=event, data={}
        )
    work_order_report(
        factory=plant,
        work_order_id=work_order.pk,
        actor="plant",
        event="shipped",
        data={"carrier": "SF Express", "tracking_number": "SF1"},
    )
    merchant_orders_follow_production()
    shipped = acme.get(f"/orders/{order['id']}/").json()
    assert shipped["status"] == "shipped"
    assert shipped["parcels"][0]["tracking_number"] == "SF1"
    assert shipped["parcels"][0]["lines"] == [0]
    assert shipped["items"][0]["status"] == "shipped"

    work_order_report(
        factory=plant,
        work_order_id=work_order.pk,
        actor="plant",
        event="delivered",
        data={"carrier": "SF Express", "tracking_number": "SF1"},
    )
    merchant_orders_follow_production()
    merchant_orders_follow_production()  # nothing new: no second webhook

    delivered = acme.get(f"/orders/{order['id']}/").json()
    assert delivered["status"] == "delivered" and delivered["items"][0]["status"] == "delivered"
    events = WebhookEvent.objects.filter(order__public_id=order["id"]).order_by("pk")
    assert [e.type for e in events] == ["order.accepted", "order.shipped", "order.delivered"]
    assert events[1].payload["data"]["parcels"][0]["tracking_number"] == "SF1"


def test_a_sandbox_order_is_simulated_end_to_end_without_any_plant(sandbox):
    order = draft(sandbox, "SBX-1", confirm=True)
    assert order["status"] == "confirmed" and order["sandbox"] is True
    assert not Order.objects.exists() and not OutboxMessage.objects.exists()

    statuses = [sandbox.post(f"/orders/{order['id']}/simulate/").json()["status"] for _ in range(3)]

    assert statuses == ["in_production", "shipped", "delivered"]
    done = sandbox.get(f"/orders/{order['id']}/").json()
    assert done["parcels"][0]["tracking_number"].startswith("SBX")
    assert done["parcels"][0]["delivered_at"]
    assert list(WebhookEvent.objects.values_list("type", flat=True).order_by("pk")) == [
        "order.accepted",
        "order.shipped",
        "order.delivered",
    ]
    over = sandbox.post(f"/orders/{order['id']}/simulate/")
    assert over.status_code == 409 and over.json()["code"] == "not_simulated"
    assert MerchantOrder.objects.get().order is None


def test_the_order_list_reads_a_fixed_number_of_queries_however_many_orders(
    acme, quiet_broker, django_assert_max_num_queries
):
    for n in range(4):
        draft(acme, f"PO-{n}", confirm=True)

    with django_assert_max_num_queries(8):
        listed = acme.get("/orders/").json()["results"]

    assert len(listed) == 4 and all(o["order_number"] for o in listed)


def test_a_card_confirmation_whose_answer_is_lost_is_resumed_never_charged_twice(
    globex, quiet_broker, monkeypatch
):
    from tests.orders.gateway_double import install_gateway

    gateway = install_gateway(monkeypatch, "test")  # the card gateway merchants pay with
    order = draft(globex)
    body = {"payment": {"card_number": APPROVE}}
    gateway.timeout_after_capture = True

    lost = globex.post(f"/orders/{order['id']}/confirm/", body, key="confirm-lost-1")

    assert lost.status_code == 503 and lost.json()["code"] == "payment_unconfirmed"
    assert not Order.objects.exists() and gateway.captures == 1
    gateway.timeout_after_capture = False
    again = globex.post(f"/orders/{order['id']}/confirm/", body, key="confirm-lost-1")
    assert again.status_code == 200 and again.json()["status"] == "confirmed", again.content
    assert gateway.captures == 1 and Payment.objects.get().status == "captured"
