"""A shopper in headless Chromium: configure → cart → checkout → order page, then shipped."""

from __future__ import annotations

import pytest

from orders.models import Order, OutboxMessage
from production.models import WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.browser import SCREENSHOTS, screenshot
from tests.factories import PlantFactory, demo_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_shopper_checks_out_and_then_follows_the_order_to_shipped(
    live_server, page, quiet_broker
):
    # Given an engraved tumbler on sale and a plant that engraves them
    product = demo_product("TUMBLER-ENGRAVED")
    plant = PlantFactory(code="sz-print", city="Shenzhen")

    # When the shopper configures a 750 ml matte black tumbler engraved "Li Wei", twice,
    # and adds it to the cart
    page.goto(live_server.url + product.get_absolute_url())
    page.check("#opt-capacity-2")  # 750 ml
    page.check("#opt-finish-2")  # matte black
    page.fill("#opt-engraving", "Li Wei")
    page.fill("input[name=quantity]", "2")
    page.click("button:has-text('Add to cart')")
    page.wait_for_url("**/cart/")
    lines = page.inner_text(".cart-lines")
    assert "Capacity: 750 ml\nFinish: Matte black\nEngraving text: “Li Wei”" in lines

    # And checks out with the sandbox card
    page.click("a[href='/checkout/']")
    page.wait_for_url("**/checkout/")
    page.fill("input[name=email]", "li.wei@example.com")
    page.fill("input[name=name]", "Li Wei")
    page.fill("input[name=line1]", "88 Century Avenue")
    page.fill("input[name=city]", "Shanghai")
    page.fill("input[name=region]", "Shanghai")
    page.fill("input[name=postal_code]", "200120")
    page.select_option("select[name=country]", "CN")
    page.fill("input[name=card_number]", "4242 4242 4242 4242")
    page.click("button:has-text('Place order')")
    page.wait_for_url("**/orders/C2M-*/")

    # Then the order page shows it placed, with the server's price:
    # (129.00 + 20.00 750 ml + 15.00 matte black + 5 characters × 2.00) = 174.00 × 2
    # = 348.00, + 15.00 engraving set-up + 12.00 standard shipping = 375.00
    assert page.get_attribute("[data-status]", "data-status") == "placed"
    assert "¥375.00" in page.inner_text(".order-items")
    order = Order.objects.get()

    # When the platform plans and routes it and the plant accepts, makes, checks and ships it
    message = OutboxMessage.objects.get(payload__order_id=order.pk)
    work_orders_route(work_order_ids=orders_plan(message_ids=[message.pk]))
    work_order = WorkOrder.objects.get(order_id=order.pk)
    work_order_accept(factory=plant, work_order_id=work_order.pk, actor="factory:sz-print")
    for event in ("started", "qc_passed"):
        work_order_report(
            factory=plant,
            work_order_id=work_order.pk,
            actor="factory:sz-print",
            event=event,
            data={},
        )
    work_order_report(
        factory=plant,
        work_order_id=work_order.pk,
        actor="factory:sz-print",
        event="shipped",
        data={"carrier": "SF Express", "tracking_number": "SF1234567890"},
    )

    # Then, on reload, the page shows it shipped with the carrier and tracking number
    page.reload()
    assert page.get_attribute("[data-status]", "data-status") == "shipped"
    assert "SF1234567890" in page.inner_text(".shipments")
    timeline = page.inner_text(".timeline")
    assert "Routed to a plant · in Shenzhen" in timeline
    assert "Shipped · SF Express SF1234567890" in timeline
    assert page.locator("#cancel-order").count() == 0
    screenshot(page, SCREENSHOTS / "order-shipped-en-desktop.png")
