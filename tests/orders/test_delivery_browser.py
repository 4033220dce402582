"""The order page in headless Chromium: each parcel in transit or delivered, en and zh."""

from __future__ import annotations

from pathlib import Path

import pytest

from orders.models import Order, OutboxMessage
from production.services.delivery import shipment_delivered
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product, place_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENS = Path("/work/screens16")


def shipped_in_two_parcels() -> tuple[Order, int, object]:
    plant = PlantFactory(code="sz-print", city="Shenzhen")
    place_order(demo_product(), {"finish": "brushed"}, quantity=2)
    message = OutboxMessage.objects.filter(processed_at__isnull=True).latest("pk")
    [work_order_id] = orders_plan(message_ids=[message.pk])
    work_orders_route(work_order_ids=[work_order_id])
    work_order_accept(factory=plant, work_order_id=work_order_id, actor="plant")
    common = {"factory": plant, "work_order_id": work_order_id, "actor": "plant"}
    work_order_report(**common, event="started", data={})
    work_order_report(**common, event="qc_passed", data={})
    for number in ("SF1234567890", "SF1234567891"):
        parcel = {"carrier": "SF Express", "tracking_number": number}
        work_order_report(**common, event="shipped", data=parcel)
    return Order.objects.get(pk=message.payload["order_id"]), work_order_id, plant


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_the_order_page_shows_each_parcel_in_transit_then_delivered(
    live_server, browser, quiet_broker, language
):
    order, work_order_id, _plant = shipped_in_two_parcels()
    url = f"{live_server.url}{order.get_absolute_url()}?token={order.tracking_token}"
    tag = "en" if language == "en" else "zh"
    errors: list[str] = []

    def look(state: str) -> dict[int, str]:
        seen = {}
        for width in (1280, 390):
            tab = browser.new_page(viewport={"width": width, "height": 900}, locale=language)
            tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            tab.goto(url)
            seen[width] = tab.inner_text(".shipments")
            tab.screenshot(
                path=str(SCREENS / f"delivery-{state}-{tag}-{width}.png"), full_page=True
            )
            tab.close()
        return seen

    SCREENS.mkdir(parents=True, exist_ok=True)
    # Given one parcel delivered and one still on its way
    shipment_delivered(work_order_id=work_order_id, tracking_number="SF1234567890", actor="p")
    partly = look("in-transit")
    # When the second is delivered
    shipment_delivered(work_order_id=work_order_id, tracking_number="SF1234567891", actor="p")
    done = look("delivered")

    in_transit, delivered = ("In transit", "Delivered") if tag == "en" else ("运输中", "送达")
    assert partly[390].count(in_transit) == 1 and partly[390].count(delivered) == 1
    assert done[1280].count(delivered) == 2 and in_transit not in done[1280]
    assert Order.objects.get(pk=order.pk).status == "delivered"
    assert not [e for e in errors if "Content Security Policy" in e], errors
