"""The promise across the real broker and worker: a US order is promised a date the
router can keep, and a decline with no plant left tells the customer, who can cancel for
a full refund."""

import re
from datetime import date

import pytest

from orders.models import Order
from production.models import ProductionException, WorkOrder
from production.services.api_keys import api_key_create
from production.services.routing import work_orders_route
from tests.conftest import wait_for
from tests.factories import PlantFactory, demo_product

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SPRINGFIELD = {
    "name": "Jane Doe",
    "line1": "1 Capitol Ave",
    "city": "Springfield",
    "region": "IL",
    "postal_code": "62701",
    "country": "US",
}


def test_a_us_order_is_promised_a_date_that_holds_and_a_broken_promise_is_told(
    client, celery_worker_process
):
    # Given a tumbler and one plant in Shenzhen that can make it
    product = demo_product("TUMBLER-ENGRAVED")
    plant = PlantFactory(code="sz-print", city="Shenzhen")
    _, key = api_key_create(factory=plant, name="erp")
    factory_api = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    client.post(product.get_absolute_url(), {"finish": "brushed", "quantity": 2})

    # When the shopper types a Springfield, IL address, checkout dates each method
    fieldset = client.get("/checkout/delivery/", {**SPRINGFIELD}).content.decode()
    shown = {
        m: date.fromisoformat(d)
        for m, d in re.findall(r'name="shown_(\w+)" value="([\d-]+)"', fieldset)
    }
    assert shown["express"] < shown["standard"]

    # and places the order with standard shipping
    page = client.get("/checkout/").content.decode()
    token = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    placed = client.post(
        "/checkout/",
        {
            "idempotency_key": token,
            "email": "jane@example.com",
            **SPRINGFIELD,
            "shipping_method": "standard",
            **{f"shown_{m}": d.isoformat() for m, d in shown.items()},
            "payment_provider": "test",
            "card_number": "4242 4242 4242 4242",
        },
    )
    order = Order.objects.get()
    assert placed.status_code == 302 and order.status == "placed"

    # Then the order is promised what checkout showed, and the worker routes its work to
    # the plant with that date as the due date, delivering in time (not unroutable)
    assert order.promised_date == shown["standard"]
    work_order = wait_for(
        lambda: WorkOrder.objects.filter(order_id=order.pk, status="offered").first()
    )
    assert work_order.due_date == order.promised_date
    offer = work_order.events.get(type="offered").data
    assert date.fromisoformat(offer["delivery_date"]) <= order.promised_date
    assert client.get(order.get_absolute_url()).content.decode().count("will be late") == 0

    # When the only plant declines the offer
    declined = client.post(
        f"/api/factory/v1/work-orders/{work_order.pk}/decline/",
        {"reason_code": "no_material", "reason": "out of blanks"},
        content_type="application/json",
        **factory_api,
    )
    assert declined.status_code == 200

    # Then within one routing run the customer's order says it will be late
    wait_for(lambda: Order.objects.filter(pk=order.pk, promise_broken_at__isnull=False).exists())
    work_order.refresh_from_db()
    assert work_order.status == "unroutable"
    for _ in range(2):  # further sweeps are not news
        work_orders_route(include_pending=True)
    order.refresh_from_db()
    assert order.events.filter(code="promise_broken").count() == 1
    assert ProductionException.objects.filter(
        kind="sla", reference=order.number, resolved_at__isnull=True
    ).exists()
    page = client.get(order.get_absolute_url()).content.decode()
    assert "Your order will be late" in page and 'id="cancel-for-refund"' in page

    # When the customer cancels for a full refund
    client.post(f"/orders/{order.number}/cancel/", {"reason": "promise_broken"})

    # Then the order is cancelled, its work cancelled and the payment refunded in full
    order.refresh_from_db()
    payment = order.payments.get()
    assert order.status == "cancelled"
    assert (payment.status, payment.refunded_amount) == ("refunded", order.total)
    assert WorkOrder.objects.get(pk=work_order.pk).status == "cancelled"
