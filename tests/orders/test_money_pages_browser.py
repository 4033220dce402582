"""The money a shopper reads, in Chromium, in English and Chinese, on a desktop and a
phone: the cart's breakdown adding up, an invoice order's payment instructions, and the
footer's shop pages. Nothing is wider than the screen."""

from __future__ import annotations

import pytest
from django.test import Client

from orders.models import Order
from orders.services.shop_pages import shop_pages_ensure
from tests.browser import SCREENS, SCREENSHOTS
from tests.orders.test_pages import add_to_cart, checkout_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": ("Total", "Pay by bank transfer", "Returns and refunds"),
    "zh-hans": ("合计", "银行转账付款", "退货与退款"),
}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", WORDS)
def test_cart_breakdown_invoice_instructions_and_footer_pages(
    live_server, browser, quiet_broker, tumbler, language, screen
):
    # The migration's pages, which an earlier test's flush removed
    shop_pages_ensure()
    total, invoice, returns = WORDS[language]
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

    def look(name: str) -> None:
        tab.screenshot(path=str(SCREENSHOTS / f"{name}-{language}-{screen}.png"), full_page=True)
        assert tab.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]

    # The cart's breakdown, opened, ends in the line's total
    tab.goto(f"{live_server.url}/cart/")
    tab.click(".cart-line details.breakdown summary")
    last_row = tab.inner_text(".cart-line details.breakdown tr.line-total")
    assert total in last_row and "¥323.00" in last_row
    look("cart-breakdown")

    # An invoice order's page says how much, where to, which reference and by when
    shopper.post("/checkout/", checkout_form(shopper, payment_provider="invoice"))
    order = Order.objects.get()
    tab.goto(f"{live_server.url}{order.get_absolute_url()}?token={order.tracking_token}")
    instructions = tab.inner_text("#invoice-instructions")
    assert invoice in instructions and "¥335.00" in instructions and "INV-" in instructions
    look("order-invoice")

    # The footer leads to the returns page, in the shopper's language
    tab.click(f"footer a:has-text('{returns}')")
    tab.wait_for_url("**/pages/returns/")
    assert tab.inner_text("h1") == returns
    look("shop-page-returns")
    context.close()
