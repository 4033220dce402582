"""The promise in headless Chromium, in English and Chinese, wide and narrow: checkout
dates each shipping method for the typed address, refuses what no plant can deliver, and
the order page tells the customer when the promise breaks. Screenshots go to
``$PROMISE_SCREENS`` (default ``var/screenshots``)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from django.core.cache import cache

from orders.models import Order, OutboxMessage
from production.models import WorkOrder
from production.services.factory_actions import work_order_decline
from production.services.factory_status import factory_set_status
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.browser import SCREENSHOTS
from tests.factories import PlantFactory, demo_product

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("PROMISE_SCREENS") or SCREENSHOTS)
WIDTHS = (1280, 390)


def _shoot(page, name: str, lang: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"promise-{name}-{lang}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def _checkout_to_springfield(page, live_server) -> None:
    """Open checkout, type a Springfield, IL address and wait for its delivery dates."""
    page.goto(f"{live_server.url}/checkout/")
    page.fill("input[name=email]", "jane@example.com")
    page.fill("input[name=name]", "Jane Doe")
    page.fill("input[name=line1]", "1 Capitol Ave")
    page.fill("input[name=region]", "IL")
    page.fill("input[name=postal_code]", "62701")
    page.select_option("select[name=country]", "US")
    with page.expect_response(lambda r: "/checkout/delivery/" in r.url):
        page.fill("input[name=city]", "Springfield")
        page.locator("input[name=city]").blur()
    page.wait_for_selector(".promise-for:has-text('Springfield')")
    if page.locator("input[name=card_number]").count():
        page.fill("input[name=card_number]", "4242 4242 4242 4242")


@pytest.mark.parametrize("lang", ["en", "zh-hans"])
def test_checkout_dates_refuses_and_tells_a_broken_promise(live_server, page, quiet_broker, lang):
    refused: list[str] = []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Refused" in message.text else None,
    )
    page.context.add_cookies([{"name": "django_language", "value": lang, "url": live_server.url}])
    product = demo_product("TUMBLER-ENGRAVED")
    plant = PlantFactory(code="sz-print", city="Shenzhen")

    # A shopper puts a tumbler in the cart and types a Springfield, IL address
    page.goto(live_server.url + product.get_absolute_url())
    page.check("#opt-capacity-2")
    page.check("#opt-finish-2")
    page.click("button[name=action][value=add]")
    page.wait_for_url("**/cart/")
    _checkout_to_springfield(page, live_server)

    # Each method shows its own date, express first to arrive
    standard = date.fromisoformat(
        page.get_attribute(".shipping-option[data-method=standard] .promise-date", "data-date")
    )
    express = date.fromisoformat(
        page.get_attribute(".shipping-option[data-method=express] .promise-date", "data-date")
    )
    assert express < standard
    _shoot(page, "checkout", lang)

    # When the only plant pauses before the shopper presses the button, checkout refuses
    factory_set_status(factory_id=plant.pk, status="paused", actor="operator")
    cache.clear()
    page.click("form.checkout button[type=submit]")
    page.wait_for_selector(".message.error")
    assert not Order.objects.exists()
    assert page.locator(".shipping-option.unavailable").count() == 2
    _shoot(page, "refused", lang)

    # When it is back, the order is placed with the date shown
    factory_set_status(factory_id=plant.pk, status="active", actor="operator")
    cache.clear()
    _checkout_to_springfield(page, live_server)
    page.click("form.checkout button[type=submit]")
    page.wait_for_url("**/orders/C2M-*/")
    order = Order.objects.get()
    assert order.promised_date == standard

    # And when the plant declines and no plant is left, the order page says so
    message = OutboxMessage.objects.get(payload__order_id=order.pk)
    work_orders_route(work_order_ids=orders_plan(message_ids=[message.pk]))
    work_order = WorkOrder.objects.get(order_id=order.pk)
    work_order_decline(
        factory=plant, work_order_id=work_order.pk, actor="factory:sz", reason_code="price"
    )
    work_orders_route(include_pending=True)
    page.reload()
    page.wait_for_selector(".promise-broken #cancel-for-refund")
    _shoot(page, "broken", lang)
    assert refused == []
