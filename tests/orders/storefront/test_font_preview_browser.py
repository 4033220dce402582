"""The product page's engraving preview in each font the tumbler offers, in headless
Chromium (en and zh-hans, desktop and phone): each font draws differently. Screenshots land
in var/screenshots/files-*.png."""

from __future__ import annotations

import pytest

from tests.browser import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ENGRAVING = "Li Wei 李伟"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_engraving_preview_changes_with_the_font(catalog, live_server, browser, language):
    url = live_server.url + catalog["TUMBLER-ENGRAVED"].get_absolute_url()
    for device, (width, height) in (("desktop", (1280, 900)), ("mobile", (390, 844))):
        context = browser.new_context(
            viewport={"width": width, "height": height},
            extra_http_headers={"Accept-Language": language},
        )
        page = context.new_page()
        page.goto(url)
        page.locator("input[name=finish][value=brushed]").check()
        page.locator("#opt-engraving").fill(ENGRAVING)
        previews = {}
        for font in ("serif", "script", "kai"):
            page.locator("#opt-engraving-font").select_option(font)
            page.wait_for_function(
                "(font) => { const i = document.querySelector('#product-preview img');"
                " return i && i.src.includes('font=' + font) && i.complete"
                " && i.naturalWidth > 0; }",
                arg=font,
            )
            page.wait_for_load_state("networkidle")
            previews[font] = page.locator("#product-preview img").screenshot()
            page.screenshot(
                path=SCREENSHOTS / f"files-preview-{font}-{language}-{device}.png",
                full_page=device == "mobile",
            )
        # Three fonts, three different drawings of the same engraving.
        assert len(set(previews.values())) == 3
        context.close()
