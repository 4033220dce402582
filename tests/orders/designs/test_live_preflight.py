"""The print-quality note under an upload follows the sliders: enlarging a small picture
warns at once, shrinking it clears the warning, and an out-of-range placement leaves the
last note in place rather than a wrong one."""

from __future__ import annotations

import re

import pytest

from .shopper import configure, picture, swap_upload, upload_through_page

pytestmark = pytest.mark.django_db
NOTE = re.compile(
    r'<ul class="preflight" id="preflight-artwork_front" aria-live="polite" '
    r'hx-swap-oob="true">.*?data-level="(\w+)">\s*<strong>([^<]*)</strong>: ([^<]*?)\s*<',
    re.S,
)


def _note(update_html: str) -> tuple[str, str] | None:
    match = NOTE.search(update_html)
    return (match.group(1), match.group(3)) if match else None


def test_the_note_names_the_print_area_in_the_shoppers_words(client, tee):
    client.cookies["django_language"] = "zh-hans"
    page = client.get(tee.get_absolute_url()).content.decode()
    page = swap_upload(page, upload_through_page(client, page, picture(900)).content.decode())

    match = NOTE.search(configure(client, tee.sku, page, **{"artwork_front.scale": "0.25"}))

    assert match is not None and match.group(2) == "正面"  # not the code "front"


def test_the_print_quality_note_follows_the_size_slider(client, tee):
    page = client.get(tee.get_absolute_url()).content.decode()
    page = swap_upload(page, upload_through_page(client, page, picture(900)).content.decode())

    small = _note(configure(client, tee.sku, page, **{"artwork_front.scale": "0.25"}))
    full = _note(configure(client, tee.sku, page, **{"artwork_front.scale": "1"}))
    broken = configure(client, tee.sku, page, **{"artwork_front.scale": "big"})

    assert small is not None and full is not None
    assert small[0] == "ok" and full[0] in ("warning", "blocked"), (small, full)
    assert small[1].startswith("Looks good: 305 DPI")  # 900 px over a quarter of the area
    assert full[1].startswith("76 DPI at this size is too low to print")  # four times wider
    assert _note(broken) is None


def test_an_invalid_choice_keeps_the_last_good_preview(client, tee):
    page = client.get(tee.get_absolute_url()).content.decode()
    page = swap_upload(page, upload_through_page(client, page, picture(900)).content.decode())

    good = configure(client, tee.sku, page, size="M", **{"artwork_front.scale": "0.5"})
    bad_size = configure(client, tee.sku, page, size="XXXL")
    bad_scale = configure(client, tee.sku, page, size="M", **{"artwork_front.scale": "big"})

    assert 'id="preview-slot"' in good and "artwork_front.scale=0.5" in good
    # the preview is not replaced; the option says what is wrong
    assert 'id="preview-slot"' not in bad_size and 'id="preview-slot"' not in bad_scale
    assert "field-error" not in good and "field-error" in bad_size
