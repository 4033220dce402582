"""A refused upload keeps the upload control tied to its product and option, so the next
good upload completes the design: price and preview, without a reload."""

from __future__ import annotations

import pytest

from tests.imaging import fixtures as fx

from .shopper import configure, form_fields, noise, picture, swap_upload, upload_through_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "refused, status",
    [("too_large", 413), ("svg", 400)],
)
def test_a_good_upload_after_a_refused_one_completes_the_design(
    client, tee, settings, refused, status
):
    # Given the T-shirt page with a size chosen
    page = client.get(tee.get_absolute_url()).content.decode()
    page = page.replace('name="size" value="M"', 'name="size" value="M" checked')
    settings.ARTWORK_MAX_BYTES = 200_000

    # When the shopper's first file is refused (too large, or not an image we take)
    bad = noise(700) if refused == "too_large" else fx.SVG
    answer = upload_through_page(client, page, bad)
    assert answer.status_code == status
    page = swap_upload(page, answer.content.decode())

    # Then the re-rendered control still belongs to the T-shirt's front artwork
    control = form_fields(page, "artwork-upload-artwork_front")
    assert control.get("sku", "TEE-PRINT") == "TEE-PRINT"
    assert control.get("option", "artwork_front") == "artwork_front"

    # When a good picture follows
    answer = upload_through_page(client, page, picture(1800))
    assert answer.status_code == 200
    page = swap_upload(page, answer.content.decode())

    # Then the configurator posts it as the front artwork: the price is complete and the
    # preview shows the picture
    update = configure(client, tee.sku, page)
    assert "To see your price, choose" not in update
    assert 'data-total="59.00"' in update
    assert "artwork_front=art_" in update  # the preview URL carries the picture
