"""Artwork in headless Chromium: the shopper uploads their picture on the T-shirt page, sees
its preflight, and the price and live preview follow without a reload; a picture too small
for the print area is refused with the reason."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from PIL import Image, ImageDraw

from tests.browser import SCREENS, SCREENSHOTS
from tests.imaging.fixtures import encode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FRONT = "#artwork-upload-artwork_front"


def artwork_file(tmp_path: Path, side: int) -> Path:
    """A PNG of a yellow disc on a transparent background: easy to spot on the shirt."""
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((0, 0, side - 1, side - 1), fill=(250, 200, 0, 255))
    path = tmp_path / f"disc-{side}.png"
    path.write_bytes(encode(image, "PNG"))
    return path


# The preview <img> asks for a URL containing ``arg`` and has drawn it (1000 px wide).
PREVIEW_DRAWN = """part => {
    const img = document.querySelector('#product-preview img');
    return img && img.src.includes(part) && img.complete && img.naturalWidth === 1000;
}"""


def test_uploading_artwork_shows_preflight_and_redraws_price_and_preview(
    catalog,
    live_server,
    page,
    tmp_path,
):
    # Given the T-shirt page with a size and a colour chosen
    page.goto(live_server.url + catalog["TEE-PRINT"].get_absolute_url())
    page.get_by_label("M", exact=True).check()
    page.wait_for_function(PREVIEW_DRAWN, arg="size=M")
    assert "Front artwork" in page.locator("#price-panel").inner_text()  # still to choose

    # When the shopper tries a thumbnail-sized picture first
    page.set_input_files("#artwork-file-artwork_front", artwork_file(tmp_path, 600))

    # Then the preflight blocks it and says why
    page.wait_for_selector(f"{FRONT} .preflight li[data-level=blocked]")
    assert "DPI" in page.locator(f"{FRONT} .preflight").inner_text()
    # and when the shopper makes it much smaller, the note follows the slider at once
    page.locator("#opt-artwork_front-scale").evaluate(
        "el => { el.value = '0.15'; el.dispatchEvent(new Event('input', {bubbles: true})); }"
    )
    page.wait_for_selector(f"{FRONT} .preflight li[data-level=ok]")
    assert "Looks good" in page.locator(f"{FRONT} .preflight").inner_text()

    # When the shopper picks a sharp picture for the front
    page.set_input_files("#artwork-file-artwork_front", artwork_file(tmp_path, 3600))

    # Then its preflight for the front area says it prints sharp
    page.wait_for_selector(f"{FRONT} figcaption:has-text('3600 × 3600 px')")
    page.wait_for_selector(f"{FRONT} .preflight li[data-level=ok]")
    reports = page.locator(f"{FRONT} .preflight li")
    assert reports.count() == 1
    assert reports.first.get_attribute("data-area") == "front"
    assert reports.first.get_attribute("data-level") == "ok"
    assert "Front artwork" in page.locator(FRONT).inner_text()
    # and the preview redraws with it, and the price is complete
    page.wait_for_function(PREVIEW_DRAWN, arg="artwork_front=art_")
    page.wait_for_function(
        "() => !document.querySelector('#price-panel').textContent.includes('choose')"
    )
    # When the shopper moves the picture to the right and makes it smaller
    for name, value in (("offset_x", "0.25"), ("scale", "0.6")):
        page.locator(f"#opt-artwork_front-{name}").evaluate(
            f"el => {{ el.value = '{value}';"
            " el.dispatchEvent(new Event('change', {bubbles: true})); }"
        )
    # Then the preview redraws at that placement
    page.wait_for_function(PREVIEW_DRAWN, arg="artwork_front.offset_x=0.25")
    page.wait_for_function(PREVIEW_DRAWN, arg="artwork_front.scale=0.6")
    page.screenshot(path=SCREENSHOTS / "product-tee-print-artwork-en-desktop.png", full_page=True)

    # When the shopper adds the design to the cart
    page.get_by_role("button", name="Add to cart").click()
    page.wait_for_url("**/cart/**")

    # Then the cart line shows the front artwork in words and the price the page showed
    line = page.locator("main").inner_text()
    assert "Front: your artwork, 60 %" in line and "¥59.00" in line


# The colour the drawn preview has at (x, y) of its 1000 px picture, read through a canvas.
PREVIEW_PIXEL = """([x, y]) => {
    const img = document.querySelector('#product-preview img');
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d');
    context.drawImage(img, 0, 0);
    return Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3));
}"""


def type_number(page, code: str, value: str) -> None:
    page.locator(f"#opt-{code}").fill(value)
    page.locator(f"#opt-{code}").dispatch_event("input")


def test_the_table_preview_redraws_with_its_width_and_wood(catalog, live_server, page):
    # Given the table page: a usual oak table is drawn before anything is chosen
    page.goto(live_server.url + catalog["TABLE-SOLID"].get_absolute_url())
    page.wait_for_function(
        "() => { const i = document.querySelector('#product-preview img');"
        " return i && i.complete && i.naturalWidth === 1000; }"
    )
    # When the shopper enters a 120 × 90 cm top
    type_number(page, "width", "120")
    type_number(page, "depth", "90")
    page.wait_for_function(PREVIEW_DRAWN, arg="width=120")
    page.wait_for_function(PREVIEW_DRAWN, arg="depth=90")
    narrow_src = page.locator("#product-preview img").get_attribute("src")
    # x=800 on the table top's row (y=428 for a 90 cm deep, 75 cm high table) is floor
    beyond = [800, 428]
    floor = page.evaluate(PREVIEW_PIXEL, beyond)

    # When the shopper widens it to 240 cm
    type_number(page, "width", "240")
    page.wait_for_function(PREVIEW_DRAWN, arg="width=240")

    # Then the preview is redrawn from another URL and the top now reaches x=800
    assert page.locator("#product-preview img").get_attribute("src") != narrow_src
    oak = page.evaluate(PREVIEW_PIXEL, beyond)
    assert sum(abs(a - b) for a, b in zip(oak, floor, strict=True)) > 60

    # When the shopper picks black walnut
    page.get_by_label("Black walnut").check()
    page.wait_for_function(PREVIEW_DRAWN, arg="wood=walnut")

    # Then the same spot of the top is dark brown
    walnut = page.evaluate(PREVIEW_PIXEL, beyond)
    assert sum(walnut) < sum(oak) - 150 and walnut[0] < 130
    page.screenshot(path=SCREENSHOTS / "product-table-walnut-en-desktop.png", full_page=True)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_product_page_shows_its_preview_on_desktop_and_phone(
    catalog, live_server, browser, tmp_path, language
):
    """Screenshots of the table, the shirt and the T-shirt with back artwork, each drawn."""
    tab = browser.new_page(
        viewport=SCREENS["desktop"], extra_http_headers={"Accept-Language": language}
    )
    tab.set_default_timeout(15_000)
    choices = {
        "TABLE-SOLID": [("width", "200"), ("depth", "100"), ("wood", "oak")],
        "SHIRT-MTM": [("fabric", "oxford"), ("collar", "button_down"), ("cuff", "french")],
        "TEE-PRINT": [("size", "M"), ("colour", "#1F2A44")],
    }
    for sku, picks in choices.items():
        tab.set_viewport_size(SCREENS["desktop"])
        tab.goto(live_server.url + catalog[sku].get_absolute_url())
        for code, value in picks:
            choice = tab.locator(f'label:has(input[name="{code}"][value="{value}"])')
            if choice.count():
                choice.click()
            else:
                type_number(tab, code, value)
            tab.wait_for_function(PREVIEW_DRAWN, arg=f"{code}={quote(value, safe='')}")
        if sku == "TEE-PRINT":
            tab.set_input_files("#artwork-file-artwork_back", artwork_file(tmp_path, 3600))
            tab.wait_for_function(PREVIEW_DRAWN, arg="artwork_back=art_")
            # Front and back side by side: the back view (right half) carries the disc.
            assert tab.evaluate(PREVIEW_PIXEL, [750, 230])[0] > 200
        for screen, viewport in SCREENS.items():
            tab.set_viewport_size(viewport)
            tab.wait_for_load_state("networkidle")
            name = f"preview-{sku.lower()}-{language}-{screen}.png"
            tab.screenshot(path=SCREENSHOTS / name, full_page=True)
    tab.close()
