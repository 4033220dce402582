"""Artwork in headless Chromium: the shopper uploads their picture on the T-shirt page, sees
its preflight, and the price and live preview follow without a reload; a picture too small
for the print area is refused with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from tests.browser import SCREENSHOTS
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
