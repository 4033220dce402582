"""Paid services in Chromium, desktop and phone, English and Chinese: ticked on the table's
page, priced in the cart, listed on the delivered order with its warranty. Screenshots go
to var/screenshots/services-*.png."""

from __future__ import annotations

import pytest
from django.test import Client

from orders.models import Order
from tests.browser import SCREENS, SCREENSHOTS, document_width

from .test_warranty import delivered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESIGN = {"width": "120", "depth": "80", "wood": "oak", "services": ["assembly", "care_plan"]}
TEXTS = {
    "en": {
        "product": ["Assembled at the workshop", "+¥180.00", "Care plan"],
        "cart": ["Assembled at the workshop", "¥3,058.00"],
        "order": ["Assembled at the workshop · ¥180.00", "Warranty until"],
    },
    "zh-hans": {
        "product": ["工厂预组装", "+¥180.00", "年度养护计划"],
        "cart": ["工厂预组装", "¥3,058.00"],
        "order": ["工厂预组装 · ¥180.00", "保修至"],
    },
}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_services_on_the_product_page_cart_and_delivered_order(
    live_server, browser, quiet_broker, table, language, screen
):
    shopper = Client()
    added = shopper.post(table.get_absolute_url(), {**DESIGN, "quantity": 1})
    assert added.status_code == 302, added.content.decode()[:2000]
    checkout = Client()
    checkout.post(table.get_absolute_url(), {**DESIGN, "quantity": 1})
    from tests.orders.test_pages import checkout_form

    checkout.post("/checkout/", checkout_form(checkout))
    order = Order.objects.get()
    delivered(order)
    size = SCREENS[screen]
    tab = browser.new_page(viewport=size, extra_http_headers={"Accept-Language": language})
    tab.set_default_timeout(15_000)
    session = shopper.cookies["sessionid"].value
    tab.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    query = "width=120&depth=80&wood=oak&services=assembly&services=care_plan&quantity=1"
    pages = {
        "product": f"{table.get_absolute_url()}?{query}",
        "cart": "/cart/",
        "order": f"{order.get_absolute_url()}?token={order.tracking_token}",
    }
    for name, path in pages.items():
        tab.goto(f"{live_server.url}{path}")
        tab.wait_for_load_state("networkidle")
        if name == "cart":
            tab.locator("details.line-breakdown summary").first.click()
        tab.screenshot(
            path=str(SCREENSHOTS / f"services-{name}-{language}-{screen}.png"), full_page=True
        )
        text = tab.inner_text("body")
        for wanted in TEXTS[language][name]:
            assert wanted in text, (name, wanted)
        assert document_width(tab) <= size["width"], name
