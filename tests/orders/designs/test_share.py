"""A shared design opens in another browser with its artwork, read-only through the signed
share token; adding it to the cart gives the new shopper their own copy of the artwork."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.test import Client

from orders.models import Artwork, CartLine

from .shopper import HTMX, configure, picture, submit, swap_upload, upload_through_page

pytestmark = pytest.mark.django_db


def _shared_design(client, tee) -> tuple[str, Artwork]:
    page = client.get(tee.get_absolute_url()).content.decode()
    page = swap_upload(page, upload_through_page(client, page, picture()).content.decode())
    update = configure(client, tee.sku, page, size="L", **{"artwork_front.scale": "0.5"})
    link = re.search(r'class="share-link" href="([^"]+)"', update).group(1)
    return html_lib.unescape(link).removeprefix("http://testserver"), Artwork.objects.get()


def _preview_url(html: str) -> str:
    return html_lib.unescape(
        re.search(r'<img src="(/products/[^"]+/preview/[^"]*)"', html).group(1)
    )


def test_a_shared_design_opens_with_its_artwork_and_can_be_bought_elsewhere(client, tee):
    link, artwork = _shared_design(client, tee)

    # When someone else opens the link in another browser
    friend = Client()
    page = friend.get(link).content.decode()

    # Then the design is there with its artwork, priced, and its preview draws
    assert "No such artwork" not in page
    assert f'value="{artwork.public_id}"' in page
    assert 'data-total="59.00"' in page
    preview = friend.get(_preview_url(page))
    assert preview.status_code == 200 and preview["Content-Type"] == "image/webp"
    # and the live update keeps it (changing the colour)
    update = configure(friend, tee.sku, page, colour="#111111")
    assert "To see your price, choose" not in update
    assert friend.get(_preview_url(update)).status_code == 200

    # When the friend adds it to their cart
    response = submit(friend, tee.get_absolute_url(), page)
    assert response.status_code == 302 and response.url == "/cart/"

    # Then their cart line uses their own copy of the picture; the original is untouched
    line = CartLine.objects.get()
    copy_id = line.configuration.values["artwork_front"]["artwork_id"]
    assert copy_id != artwork.public_id
    copy = Artwork.objects.get(public_id=copy_id)
    assert copy.sha256 == artwork.sha256 and copy.guest_token != artwork.guest_token
    assert friend.get(f"/artworks/{copy_id}/image/").status_code == 200
    assert friend.get(f"/artworks/{artwork.public_id}/image/").status_code == 404


def test_without_the_token_nobody_else_sees_the_artwork(client, tee):
    _link, artwork = _shared_design(client, tee)
    stranger = Client()

    # Guessing the id into a preview or the configurator gives nothing
    preview = stranger.get(f"/products/{tee.sku}/preview/?size=M&artwork_front={artwork.public_id}")
    assert preview.status_code == 404
    update = stranger.post(
        f"/products/{tee.sku}/configure/",
        {"size": "M", "artwork_front": artwork.public_id},
        headers=HTMX,
    ).content.decode()
    # and the share link it is given does not carry someone else's artwork
    stolen = html_lib.unescape(re.search(r'class="share-link" href="([^"]+)"', update).group(1))
    page = Client().get(stolen.removeprefix("http://testserver")).content.decode()
    assert artwork.public_id not in page


@pytest.mark.parametrize(
    "language, message",
    [
        ("en", "The artwork for “Front artwork” in this shared design is no longer available"),
        ("zh-hans", "此分享设计中的“正面图案”已不可用"),
    ],
)
def test_a_shared_design_whose_artwork_is_gone_says_what_is_missing(client, tee, language, message):
    link, artwork = _shared_design(client, tee)
    artwork.delete()

    page = Client(headers={"Accept-Language": language}).get(link).content.decode()

    assert message in page
    assert "No such artwork" not in page and artwork.public_id not in page
