"""A shopper whose card payment the gateway does not confirm, in Chromium, in English and
Chinese, on a desktop and a phone: the checkout page says so in their language, and
placing the order again with the same form places it once, charged once."""

from __future__ import annotations

import pytest
from django.test import Client

from orders.models import Order, PaymentIntent
from tests.browser import SCREENS, SCREENSHOTS
from tests.orders.gateway_double import install_gateway
from tests.orders.test_pages import add_to_cart

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SAYS = {"en": "not be charged twice", "zh-hans": "您不会被重复扣款"}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", SAYS)
def test_an_unconfirmed_card_payment_is_explained_and_a_resubmit_places_the_order_once(
    live_server, browser, quiet_broker, tumbler, monkeypatch, language, screen
):
    gateway = install_gateway(monkeypatch, "test")  # the sandbox card, losing its answers
    gateway.timeout_after_capture = True
    shopper = Client()
    add_to_cart(shopper, tumbler)
    context = browser.new_context(
        viewport=SCREENS[screen], extra_http_headers={"Accept-Language": language}
    )
    context.add_cookies(
        [{"name": "sessionid", "value": shopper.cookies["sessionid"].value, "url": live_server.url}]
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto(f"{live_server.url}/checkout/")
    for name, value in {
        "email": "li.wei@example.com",
        "name": "Li Wei",
        "line1": "88 Century Avenue",
        "city": "Shanghai",
        "region": "Shanghai",
        "postal_code": "200120",
        "card_number": "4242 4242 4242 4242",
    }.items():
        tab.fill(f"input[name={name}]", value)
    tab.select_option("select[name=country]", "CN")
    tab.click("button[type=submit].primary")
    tab.wait_for_load_state()

    assert SAYS[language] in tab.inner_text("body")
    tab.screenshot(
        path=str(SCREENSHOTS / f"checkout-unconfirmed-{language}-{screen}.png"), full_page=True
    )
    assert tab.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    assert not Order.objects.exists() and gateway.captures == 1

    # When the gateway answers again and the shopper places the order again
    gateway.timeout_after_capture = False
    tab.fill("input[name=card_number]", "4242 4242 4242 4242")
    tab.click("button[type=submit].primary")
    tab.wait_for_url("**/orders/C2M-*/")
    assert Order.objects.get().status == "placed"
    assert gateway.captures == 1 and PaymentIntent.objects.count() == 1
