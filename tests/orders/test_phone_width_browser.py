"""Every shopper page fits a phone: nothing is wider than a 390 px screen, in English and
Chinese, from the catalogue through each product, the cart and checkout to the order."""

from __future__ import annotations

import pytest
from django.test import Client

from orders.models import Order
from tests.browser import SCREENS, SCREENSHOTS, document_width, sticking_out
from tests.factories import demo_product
from tests.orders.test_pages import add_to_cart, checkout_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = SCREENS["phone"]
PRODUCTS = ("TEE-PRINT", "SHIRT-MTM", "TABLE-SOLID")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_shopper_page_is_wider_than_a_phone(
    live_server, browser, quiet_broker, tumbler, language
):
    others = [demo_product(sku) for sku in PRODUCTS]
    shopper = Client()
    add_to_cart(shopper, tumbler)
    shopper.post("/checkout/", checkout_form(shopper))
    order = Order.objects.get()
    tab = browser.new_page(viewport=PHONE, extra_http_headers={"Accept-Language": language})
    tab.set_default_timeout(15_000)
    # A second shopper with a full cart browses on the phone.
    browsing = Client()
    add_to_cart(browsing, tumbler)
    session = browsing.cookies["sessionid"].value
    tab.context.add_cookies([{"name": "sessionid", "value": session, "url": live_server.url}])
    pages = {
        "catalog": "/",
        **{f"product-{p.sku.lower()}": p.get_absolute_url() for p in [tumbler, *others]},
        "cart": "/cart/",
        "checkout": "/checkout/",
        "order": f"{order.get_absolute_url()}?token={order.tracking_token}",
        "order-find": "/orders/find/",
        "sign-in": "/account/login/",
        "sign-up": "/account/signup/",
    }
    too_wide = {}
    for name, path in pages.items():
        tab.goto(f"{live_server.url}{path}")
        tab.wait_for_load_state("networkidle")
        tab.screenshot(path=str(SCREENSHOTS / f"phone-{name}-{language}.png"), full_page=True)
        if (width := document_width(tab)) > PHONE["width"]:
            too_wide[name] = (width, sticking_out(tab, PHONE["width"]))
    assert too_wide == {}


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_a_product_page_names_the_product_before_showing_its_picture_on_a_phone(
    live_server, browser, screen
):
    tee = demo_product("TEE-PRINT")
    tab = browser.new_page(viewport=SCREENS[screen])
    tab.goto(f"{live_server.url}{tee.get_absolute_url()}")
    tab.screenshot(path=str(SCREENSHOTS / f"{screen}-product-head-en.png"))
    name = tab.locator("h1").bounding_box()
    picture = tab.locator("#preview-slot").bounding_box()
    upload = tab.locator(".artwork-panel").first.bounding_box()
    head = tab.inner_text(".product-head").split()
    assert head[:4] == ["Custom-printed", "cotton", "T-shirt", "From"]

    if screen == "phone":  # one column: the name, then the picture and the upload
        assert name["y"] + name["height"] <= picture["y"] < upload["y"]
        # and the picture stays on screen while the shopper scrolls down to the price
        tab.locator("#price-panel").scroll_into_view_if_needed()
        pinned = tab.locator("#preview-slot").bounding_box()
        assert tab.evaluate("window.scrollY") > 1000
        assert pinned["y"] >= 0 and pinned["y"] + pinned["height"] <= SCREENS[screen]["height"] / 2
        tab.screenshot(path=str(SCREENSHOTS / "phone-product-scrolled-en.png"))
    else:  # two columns: the picture on the left, the name heading the right one
        assert picture["x"] + picture["width"] <= name["x"]
        assert abs(name["y"] - picture["y"]) < 40
