"""A shopper cancels an order in Chromium: asked first, in their language, on any screen."""

from __future__ import annotations

import pytest
from django.test import Client

from orders.models import Order
from tests.browser import SCREENS, SCREENSHOTS
from tests.orders.test_pages import add_to_cart, checkout_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": ("Cancel order", "Yes, cancel my order", "Cancelled"),
    "zh-hans": ("取消订单", "确定取消订单", "已取消"),
}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", WORDS)
def test_cancelling_asks_first_then_shows_the_order_cancelled(
    live_server, browser, quiet_broker, tumbler, language, screen
):
    shopper = Client()
    add_to_cart(shopper, tumbler)
    shopper.post("/checkout/", checkout_form(shopper))
    order = Order.objects.get()
    cancel, confirm, cancelled = WORDS[language]
    tab = browser.new_page(
        viewport=SCREENS[screen], extra_http_headers={"Accept-Language": language}
    )
    tab.goto(f"{live_server.url}{order.get_absolute_url()}?token={order.tracking_token}")

    tab.click(f"#cancel-order:has-text('{cancel}')")
    tab.wait_for_selector("#confirm-cancel")
    shot = SCREENSHOTS / f"order-cancel-confirm-{language}-{screen}.png"
    tab.screenshot(path=str(shot), full_page=True)
    assert tab.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    order.refresh_from_db()
    assert order.status == "placed", "the question alone cancels nothing"

    tab.click(f"#confirm-cancel:has-text('{confirm}')")
    tab.wait_for_selector("[data-status=cancelled]")
    assert tab.inner_text("[data-status]") == cancelled
    assert tab.locator("#cancel-order").count() == 0
    tab.screenshot(
        path=str(SCREENSHOTS / f"order-cancelled-{language}-{screen}.png"), full_page=True
    )
    order.refresh_from_db()
    assert order.status == "cancelled"
