"""Designs never get lost, in Chromium, in English and Chinese, on a desktop and a phone:
a refused upload then a good one completes the design; Cart → Edit keeps the artwork and
"Update item" replaces the line; a shared design opens in another browser with its
artwork and can be bought there."""

from __future__ import annotations

import pytest
from django.conf import settings as django_settings
from django.test import Client
from PIL import Image, ImageDraw

from orders.models import Cart, CartLine
from tests.browser import SCREENSHOTS, screenshot
from tests.factories import PlantFactory
from tests.imaging.fixtures import encode
from tests.orders.conftest import place

from .shopper import noise, picture, submit, swap_upload, upload_through_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
WORDS = {
    "en": {"front": "Front: your artwork, 50 %", "black": "Colour: Black", "update": "Update item"},
    "zh-hans": {"front": "正面：您的图案，50%", "black": "颜色：黑色", "update": "更新此商品"},
}
FRONT = "#artwork-upload-artwork_front"
# The preview <img> asks for a URL containing every part in ``arg`` and has drawn it.
PREVIEW_DRAWN = """parts => {
    const img = document.querySelector('#product-preview img');
    return img && parts.every(p => img.src.includes(p))
        && img.complete && img.naturalWidth === 1000;
}"""
PRICED = "() => !document.querySelector('#price-panel .missing')"
THUMBS_DRAWN = """() => {
    const imgs = [...document.querySelectorAll('img.design-thumb')];
    return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0);
}"""


def disc(tmp_path, side: int = 3600):
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((0, 0, side - 1, side - 1), fill=(250, 200, 0, 255))
    path = tmp_path / "disc.png"
    path.write_bytes(encode(image, "PNG"))
    return path


def _shot(tab, name: str, language: str, screen: str) -> None:
    screenshot(tab, str(SCREENSHOTS / f"design-{name}-{language}-{screen}.png"))
    width = SCREENS[screen]["width"]
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, f"{name} too wide"


def _slide(tab, name: str, value: str) -> None:
    tab.locator(f"#opt-artwork_front-{name}").evaluate(
        "(el, value) => { el.value = value;"
        " el.dispatchEvent(new Event('change', {bubbles: true})); }",
        value,
    )


def _choose(tab, option: str, value: str) -> None:
    tab.locator(f"input[name='{option}'][value='{value}']").evaluate(
        "el => { el.checked = true; el.dispatchEvent(new Event('change', {bubbles: true})); }"
    )


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", WORDS)
def test_designs_never_get_lost(tee, live_server, browser, settings, tmp_path, language, screen):
    words = WORDS[language]
    settings.ARTWORK_MAX_BYTES = 512 * 1024
    big = tmp_path / "big.png"
    big.write_bytes(noise(700))
    options = {"viewport": SCREENS[screen], "extra_http_headers": {"Accept-Language": language}}
    shopper = browser.new_context(**options)
    tab = shopper.new_page()
    tab.set_default_timeout(20_000)

    # Upload refused, then a good one: the design completes without a reload
    tab.goto(live_server.url + tee.get_absolute_url())
    _choose(tab, "size", "M")
    tab.set_input_files("#artwork-file-artwork_front", big)
    tab.wait_for_selector(f"{FRONT} .error[role=alert]")
    assert "MB" in tab.inner_text(f"{FRONT} .error")
    _shot(tab, "upload-refused", language, screen)
    tab.set_input_files("#artwork-file-artwork_front", disc(tmp_path))
    tab.wait_for_selector(f"{FRONT} .preflight li[data-level=ok]")
    tab.wait_for_function(PREVIEW_DRAWN, arg=["artwork_front=art_"])
    tab.wait_for_function(PRICED)
    _slide(tab, "scale", "0.5")
    tab.wait_for_function(PREVIEW_DRAWN, arg=["artwork_front=art_", "scale=0.5"])
    _shot(tab, "upload-ok", language, screen)
    tab.click("button[name=action][value=add]")
    tab.wait_for_url("**/cart/")
    tab.wait_for_function(THUMBS_DRAWN)
    assert words["front"] in tab.inner_text("main")
    assert "art_" not in tab.inner_text("main")
    _shot(tab, "cart", language, screen)

    # Edit: the artwork stays through a colour change, and "Update item" replaces the line
    line = CartLine.objects.get()
    tab.click(f"a[href$='?line={line.pk}']")
    tab.wait_for_function(PREVIEW_DRAWN, arg=["artwork_front=art_", "scale=0.5"])
    _choose(tab, "colour", "#111111")
    tab.wait_for_function(PREVIEW_DRAWN, arg=["artwork_front=art_", "colour=%23111111"])
    tab.wait_for_function(PRICED)
    update = tab.locator("button[name=action][value=update]")
    assert update.inner_text() == words["update"]
    share_url = tab.get_attribute(".share-link", "href")
    _shot(tab, "edit", language, screen)
    update.click()
    tab.wait_for_url("**/cart/")
    tab.wait_for_function(THUMBS_DRAWN)
    assert words["black"] in tab.inner_text("main")
    assert tab.locator("tr.cart-line").count() == 1
    assert CartLine.objects.get().pk == line.pk

    # Share: another browser opens the link with the artwork and buys it
    friend = browser.new_context(**options).new_page()
    friend.set_default_timeout(20_000)
    friend.goto(share_url)
    friend.wait_for_function(PREVIEW_DRAWN, arg=["artwork_front=art_", "design="])
    friend.wait_for_function(PRICED)
    friend.wait_for_selector(f"{FRONT} .artwork-shared")
    _shot(friend, "shared", language, screen)
    friend.click("button[name=action][value=add]")
    friend.wait_for_url("**/cart/")
    friend.wait_for_function(THUMBS_DRAWN)
    assert words["front"] in friend.inner_text("main")
    _shot(friend, "shared-cart", language, screen)
    assert CartLine.objects.count() == 2


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", WORDS)
def test_checkout_and_order_page_show_the_design(
    tee, live_server, browser, quiet_broker, language, screen
):
    # Given a shopper's T-shirt with their picture in the cart, in this browser
    shopper = Client()
    PlantFactory(code="sz-print", city="Shenzhen")
    page = shopper.get(tee.get_absolute_url()).content.decode()
    page = swap_upload(page, upload_through_page(shopper, page, picture()).content.decode())
    submit(shopper, tee.get_absolute_url(), page, size="M", **{"artwork_front.scale": "0.5"})
    context = browser.new_context(
        viewport=SCREENS[screen], extra_http_headers={"Accept-Language": language}
    )
    session = shopper.cookies[django_settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    tab = context.new_page()
    tab.set_default_timeout(20_000)

    # Then checkout shows the design's picture and words
    tab.goto(f"{live_server.url}/checkout/")
    tab.wait_for_function(THUMBS_DRAWN)
    assert WORDS[language]["front"] in tab.inner_text("main")
    _shot(tab, "checkout", language, screen)

    # and so does the order page, through the line's signed picture link
    order = place(Cart.objects.get(), language=language)
    tab.goto(f"{live_server.url}{order.get_absolute_url()}?token={order.tracking_token}")
    tab.wait_for_function(THUMBS_DRAWN)
    assert WORDS[language]["front"] in tab.inner_text("main")
    assert "art_" not in tab.inner_text("main")
    _shot(tab, "order", language, screen)
