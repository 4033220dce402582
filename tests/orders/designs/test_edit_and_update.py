"""Cart → Edit reopens the design with its artwork; changing an option keeps it, and
"Update item" replaces the cart line in place."""

from __future__ import annotations

import re

import pytest

from orders.models import CartLine

from .shopper import configure, picture, submit, swap_upload, upload_through_page

pytestmark = pytest.mark.django_db


def _design_in_cart(client, tee) -> str:
    """Upload a picture, choose M, half size, 3 pieces, add to the cart; return the cart."""
    page = client.get(tee.get_absolute_url()).content.decode()
    page = swap_upload(page, upload_through_page(client, page, picture()).content.decode())
    response = submit(
        client,
        tee.get_absolute_url(),
        page,
        size="M",
        quantity="3",
        **{"artwork_front.scale": "0.5"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    return client.get("/cart/").content.decode()


def test_edit_keeps_the_artwork_and_update_item_replaces_the_line(client, tee):
    cart = _design_in_cart(client, tee)
    line = CartLine.objects.get()
    artwork_id = line.configuration.values["artwork_front"]["artwork_id"]

    # When the shopper follows Edit from the cart
    edit_url = re.search(r'href="([^"]*\?line=\d+)"', cart).group(1)
    page = client.get(edit_url).content.decode()

    # Then the design comes back with its artwork, and the page offers "Update item"
    assert f'value="{artwork_id}"' in page
    assert "Update item" in page

    # When they change the colour, the price stays complete (the artwork is still there)
    update = configure(client, tee.sku, page, colour="#111111")
    assert "To see your price, choose" not in update
    assert f"artwork_front={artwork_id}" in update

    # When they press "Update item"
    response = submit(client, tee.get_absolute_url(), page, action="update", colour="#111111")
    assert response.status_code == 302 and response.url == "/cart/"

    # Then the same cart line now holds the black shirt with the same artwork and quantity
    updated = CartLine.objects.get()
    assert updated.pk == line.pk
    assert updated.quantity == 3
    assert updated.configuration.values["colour"] == "#111111"
    assert updated.configuration.values["artwork_front"]["artwork_id"] == artwork_id
    assert updated.configuration.values["artwork_front"]["placement"]["scale"] == "0.500"


def test_add_as_a_new_item_from_edit_mode_keeps_the_first_line(client, tee):
    cart = _design_in_cart(client, tee)
    page = client.get(re.search(r'href="([^"]*\?line=\d+)"', cart).group(1)).content.decode()

    response = submit(client, tee.get_absolute_url(), page, action="add", colour="#111111")

    assert response.status_code == 302
    assert sorted(line.configuration.values["colour"] for line in CartLine.objects.all()) == [
        "#111111",
        "#FFFFFF",
    ]
