"""The configurator in headless Chromium: live price, disabled values, add to cart; and
screenshots of the catalog and product pages (en, zh-hans; desktop, phone) in var/screenshots."""

from __future__ import annotations

import re

import pytest

from tests.browser import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_configuring_the_tumbler_updates_price_disables_mirror_and_adds_to_cart(
    catalog, live_server, browser
):
    # Given the tumbler's product page with JavaScript on
    url = live_server.url + catalog["TUMBLER-ENGRAVED"].get_absolute_url()
    page = browser.new_page()
    page.goto(url)
    page.get_by_label("Brushed steel").check()
    total = page.locator("#price-panel .total-amount")
    page.wait_for_function(  # a function: the page's policy forbids evaluating strings
        "() => document.querySelector('#price-panel .total-amount').textContent.includes('129.00')"
    )
    assert total.inner_text() == "¥129.00"

    # When the customer picks the 750 ml size and types an engraving
    page.get_by_label("750 ml").check()
    page.get_by_label("Engraving text").fill("LIWEI")

    # Then the price follows without a reload: 129 + 20 + 5 letters × 2 + 15 set-up
    page.wait_for_function(  # a function: the page's policy forbids evaluating strings
        "() => document.querySelector('#price-panel .total-amount').textContent.includes('174.00')"
    )
    assert "Engraving set-up" in page.locator("#price-panel").inner_text()
    # and mirror polish, which cannot be engraved, is disabled with the reason
    mirror = page.locator("input[name=finish][value=mirror]")
    assert mirror.is_disabled()
    reason = page.locator("label:has(input[name=finish][value=mirror])").get_attribute("title")
    assert reason == "Mirror polish cannot be engraved."
    # said beside the choices too, not only on hover (a phone has no hover)
    assert page.locator("#controls-finish .choice-reason").inner_text() == reason

    # and the live preview has redrawn the engraving
    page.wait_for_function(
        "() => { const i = document.querySelector('#product-preview img');"
        " return i && i.src.includes('engraving=LIWEI') && i.complete && i.naturalWidth > 0; }"
    )
    page.screenshot(path=SCREENSHOTS / "product-tumbler-configured-en-desktop.png", full_page=True)

    # When the customer presses add to cart
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_load_state()

    # Then the design went through: the cart, or (before the cart exists) the same design
    assert re.search(r"/cart/|design=", page.url)
    assert page.locator(".messages").is_visible()
    page.close()


def test_asking_for_a_monogram_shows_its_field_without_a_reload(catalog, live_server, browser):
    page = browser.new_page()
    page.goto(live_server.url + catalog["SHIRT-MTM"].get_absolute_url())
    monogram = page.locator("#opt-monogram")
    assert not monogram.is_visible()

    page.get_by_label("Yes", exact=True).check()
    monogram.wait_for(state="visible")
    monogram.fill("JZ")
    page.get_by_label("No", exact=True).check()
    monogram.wait_for(state="hidden")
    page.close()


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_screenshots_of_catalog_and_product_pages(catalog, live_server, browser, language):
    for device, viewport in (("desktop", (1280, 900)), ("mobile", (390, 844))):
        context = browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]},
            extra_http_headers={"Accept-Language": language},
        )
        page = context.new_page()
        page.goto(live_server.url + "/")
        page.screenshot(path=SCREENSHOTS / f"catalog-{language}-{device}.png", full_page=True)
        for sku in ("TUMBLER-ENGRAVED", "TABLE-SOLID", "SHIRT-MTM", "TEE-PRINT"):
            page.goto(f"{live_server.url}/products/{sku}/")
            page.wait_for_load_state("networkidle")
            path = SCREENSHOTS / f"product-{sku.lower()}-{language}-{device}.png"
            page.screenshot(path=path, full_page=True)
        assert page.locator("html").get_attribute("lang") == language
        context.close()
