"""At checkout in Chromium the total follows the shipping method and destination the
shopper picks, in English and Chinese, on a desktop and a phone; the order charges it."""

from __future__ import annotations

import pytest
from django.test import Client

from orders.models import Order, Payment
from tests.browser import SCREENS, SCREENSHOTS, screenshot
from tests.orders.test_pages import add_to_cart

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": ("Total to pay", "Place order", "Import duties"),
    "zh-hans": ("应付总额", "提交订单", "进口关税"),
}


def total(tab) -> str:
    return tab.inner_text("#checkout-total .grand-total td").strip()


def wait_for_total(tab, text: str) -> None:
    tab.wait_for_function(
        "t => document.querySelector('#checkout-total .grand-total td')?.innerText.trim() === t",
        arg=text,
    )


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", WORDS)
def test_the_total_follows_the_shipping_method_and_is_what_is_charged(
    live_server, browser, quiet_broker, tumbler, language, screen
):
    # Given two engraved tumblers in the cart: 323.00
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
    label, place, duties = WORDS[language]

    # When the shopper opens checkout and types a Shanghai address
    tab.goto(f"{live_server.url}/checkout/")
    assert label in tab.inner_text("#checkout-total")
    tab.fill("input[name=email]", "li.wei@example.com")
    tab.fill("input[name=name]", "Li Wei")
    tab.fill("input[name=line1]", "88 Century Avenue")
    tab.fill("input[name=postal_code]", "200120")
    tab.select_option("select[name=country]", "CN")
    tab.fill("input[name=city]", "Shanghai")
    with tab.expect_response("**/checkout/delivery/**"):
        tab.press("input[name=city]", "Tab")
    # Then the total is the lines plus standard shipping at home
    wait_for_total(tab, "¥335.00")

    # When they choose express
    tab.click("label[data-method=express]")
    # Then the total follows: 323.00 + 30.00
    wait_for_total(tab, "¥353.00")
    assert "¥30.00" in tab.inner_text("#checkout-total .shipping")
    screenshot(tab, str(SCREENSHOTS / f"checkout-total-express-{language}-{screen}.png"))
    assert tab.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]

    # When they ship to Berlin instead
    tab.select_option("select[name=country]", "DE")
    tab.fill("input[name=postal_code]", "10115")
    tab.fill("input[name=city]", "Berlin")
    with tab.expect_response("**/checkout/delivery/**"):
        tab.press("input[name=city]", "Tab")
    # Then express abroad costs 189.00, and import duties are named as not included
    wait_for_total(tab, "¥512.00")
    assert duties in tab.inner_text("#checkout-total")
    screenshot(tab, str(SCREENSHOTS / f"checkout-total-abroad-{language}-{screen}.png"))
    assert tab.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]

    # When they pay with the sandbox card
    tab.fill("input[name=card_number]", "4242 4242 4242 4242")
    tab.click(f"button:has-text('{place}')")
    tab.wait_for_url("**/orders/C2M-*/")
    # Then the card was charged exactly the total the page showed
    payment = Payment.objects.get(order=Order.objects.get())
    assert payment.captured_amount == payment.amount
    assert str(payment.amount) == "512.00"
    context.close()
