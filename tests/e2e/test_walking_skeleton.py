"""The whole C2M flow, across the real Redis broker and a real Celery worker process."""

import re

import pytest

from orders.models import Order, OrderEvent
from production.models import WorkOrder, WorkOrderEvent
from production.services.api_keys import api_key_create
from tests.conftest import wait_for
from tests.factories import PlantFactory, demo_product

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_order_flows_from_storefront_through_worker_and_factory_back_to_customer(
    client, celery_worker_process
):
    # Given an engravable tumbler and a partner factory that can engrave it
    product = demo_product("TUMBLER-ENGRAVED")
    plant = PlantFactory(code="sz-print", city="Shenzhen")
    _, key = api_key_create(factory=plant, name="erp")
    factory_api = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}

    # When a consumer configures it, puts it in the cart and checks out with a sandbox card
    design = {
        "capacity": "750ml",
        "finish": "matte_black",
        "engraving": "LIWEI",
        "engraving.font": "serif",
        "quantity": 2,
    }
    added = client.post(product.get_absolute_url(), design)
    assert added.status_code == 302 and added.url == "/cart/"
    page = client.get("/checkout/")
    token = re.search(rb'name="idempotency_key" value="([^"]+)"', page.content).group(1)
    response = client.post(
        "/checkout/",
        {
            "idempotency_key": token.decode(),
            "email": "li.wei@example.com",
            "name": "Li Wei",
            "line1": "88 Century Avenue",
            "city": "Shanghai",
            "region": "Shanghai",
            "postal_code": "200120",
            "country": "CN",
            "shipping_method": "standard",
            "payment_provider": "test",
            "card_number": "4242 4242 4242 4242",
        },
    )
    order = Order.objects.get()
    assert response.status_code == 302 and response.url == order.get_absolute_url()
    assert order.status == "placed"
    # server-side price: (129 base + 20 for 750 ml + 15 matte black + 5 letters × 2) × 2,
    # the 15 engraving set-up fee once, and standard domestic shipping
    assert order.total == (129 + 20 + 15 + 5 * 2) * 2 + 15 + 12

    # Then the worker plans one work order for the line and routes it to the plant
    work_order = wait_for(
        lambda: WorkOrder.objects.filter(order_id=order.pk, status="offered").first()
    )
    assert work_order.factory == plant
    assert work_order.quantity == 2
    assert work_order.snapshot["configuration"] == {
        "capacity": "750ml",
        "finish": "matte_black",
        "engraving": {"text": "LIWEI", "font": "serif"},
    }
    assert WorkOrder.objects.filter(order_id=order.pk).count() == 1

    # When the factory polls, accepts, makes, checks and ships it through its API
    listed = client.get("/api/factory/v1/work-orders/", **factory_api).json()["results"]
    assert [row["number"] for row in listed] == [work_order.number]
    accepted = client.post(f"/api/factory/v1/work-orders/{work_order.pk}/accept/", **factory_api)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    for event in ("started", "qc_passed"):
        made = client.post(
            f"/api/factory/v1/work-orders/{work_order.pk}/events/",
            {"type": event},
            content_type="application/json",
            **factory_api,
        )
        assert made.status_code == 200 and made.json()["status"] == event.replace(
            "started", "in_production"
        )
    shipped = client.post(
        f"/api/factory/v1/work-orders/{work_order.pk}/events/",
        {"type": "shipped", "carrier": "SF Express", "tracking_number": "SF1234567890"},
        content_type="application/json",
        **factory_api,
    )
    assert shipped.status_code == 200 and shipped.json()["status"] == "shipped"

    # Then the consumer sees the order shipped with its tracking number, on the page and API
    order.refresh_from_db()
    assert order.status == "shipped"
    page = client.get(order.get_absolute_url())
    assert b'data-status="shipped"' in page.content and b"SF1234567890" in page.content
    api = client.get(f"/api/v1/orders/{order.number}/", {"token": order.tracking_token})
    body = api.json()
    assert body["status"] == "shipped"
    assert body["shipments"][0]["tracking_number"] == "SF1234567890"
    assert body["shipments"][0]["origin_city"] == "Shenzhen"

    # And every status change left an event row saying who moved it from what to what
    assert list(
        WorkOrderEvent.objects.filter(work_order=work_order).values_list(
            "type", "from_status", "to_status"
        )
    ) == [
        ("planned", "", "pending"),
        ("offered", "pending", "offered"),
        ("accepted", "offered", "accepted"),
        ("started", "accepted", "in_production"),
        ("qc_passed", "in_production", "qc_passed"),
        ("shipped", "qc_passed", "shipped"),
    ]
    assert list(
        OrderEvent.objects.filter(order=order, kind="status").values_list(
            "from_status", "to_status"
        )
    ) == [
        ("", "pending_payment"),
        ("pending_payment", "placed"),
        ("placed", "in_production"),
        ("in_production", "shipped"),
    ]
    assert WorkOrderEvent.objects.filter(type="accepted").get().actor.startswith("factory:sz-print")
