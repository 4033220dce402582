"""Given any demo product, when the shopper changes its options, then the live preview
follows them: the table's size and wood, the shirt's fabric, the T-shirt's back print."""

from __future__ import annotations

import html as html_lib
import io
import json
import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from PIL import Image, ImageDraw

from imaging.drawn_table import TableLook
from orders.models import Cart
from tests.factories import PlantFactory, demo_product
from tests.imaging.fixtures import encode
from tests.orders.conftest import place

from .conftest import upload

pytestmark = pytest.mark.django_db
DEMO_SKUS = ("TEE-PRINT", "TUMBLER-ENGRAVED", "SHIRT-MTM", "TABLE-SOLID")
RED = (220, 20, 20)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def products(db):
    return {sku: demo_product(sku) for sku in DEMO_SKUS}


def preview(client: Client, sku: str, **options: object):
    query = urlencode({"config": json.dumps({"options": options})})
    return client.get(f"/products/{sku}/preview/?{query}")


def picture(response) -> Image.Image:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "image/webp"
    image = Image.open(io.BytesIO(response.content))
    image.load()
    return image.convert("RGB")


def near(a: tuple[int, ...], b: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


@pytest.mark.parametrize("sku", DEMO_SKUS)
def test_every_demo_product_page_asks_for_a_preview_that_is_drawn(client, products, sku) -> None:
    html = client.get(products[sku].get_absolute_url()).content.decode()

    assert f'<img src="/products/{sku}/preview/?' in html
    response = client.get(f"/products/{sku}/preview/")
    assert max(picture(response).size) == 1000


def test_the_table_preview_follows_wood_and_width(client, products) -> None:
    oak = picture(preview(client, "TABLE-SOLID", width="180", depth="90", wood="oak"))
    walnut = picture(preview(client, "TABLE-SOLID", width="180", depth="90", wood="walnut"))
    wide = picture(preview(client, "TABLE-SOLID", width="240", depth="90", wood="oak"))

    centre = TableLook(180, 90).top_centre()
    assert sum(walnut.getpixel(centre)) < sum(oak.getpixel(centre)) - 150
    # At 3 px per cm, centred: the 180 cm top ends about x=770, the 240 cm one about x=860.
    beyond_180, row = (800, centre[1])
    assert near(wide.getpixel((beyond_180, row)), oak.getpixel(centre), 60)
    assert not near(oak.getpixel((beyond_180, row)), oak.getpixel(centre), 30)


def test_the_shirt_preview_follows_the_fabric(client, products) -> None:
    poplin = picture(preview(client, "SHIRT-MTM", fabric="poplin"))
    oxford = picture(preview(client, "SHIRT-MTM", fabric="oxford", cuff="french"))

    red, _green, blue = oxford.getpixel((380, 600))
    assert blue > red + 30 and min(poplin.getpixel((380, 600))) > 225


def test_an_incomplete_table_is_drawn_and_cached_by_what_it_shows(client, products) -> None:
    first = preview(client, "TABLE-SOLID")  # nothing chosen yet: a usual table, in oak
    same = preview(client, "TABLE-SOLID", width="160", depth="80", wood="oak")

    assert picture(first).getpixel(TableLook().top_centre()) != (238, 238, 236)
    assert (first["X-Preview-Cache"], same["X-Preview-Cache"]) == ("miss", "hit")
    assert first["ETag"] == same["ETag"]
    again = client.get("/products/TABLE-SOLID/preview/", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    walnut = preview(client, "TABLE-SOLID", wood="walnut")
    assert walnut["ETag"] != first["ETag"]


def test_a_table_value_out_of_range_is_still_refused_with_the_reason(client, products) -> None:
    response = preview(client, "TABLE-SOLID", width="900", wood="oak")

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_configuration"
    assert "width" in response.json()["errors"]


def red_square_png() -> bytes:
    image = Image.new("RGB", (3000, 4000), (255, 255, 255))
    ImageDraw.Draw(image).rectangle((0, 0, 2999, 3999), fill=RED)
    return encode(image, "PNG")


def test_the_back_view_shows_only_when_back_artwork_is_used(client, products) -> None:
    art = upload(client, red_square_png(), sku="TEE-PRINT").json()["id"]
    front_only = picture(
        preview(client, "TEE-PRINT", colour="#FFFFFF", artwork_front={"artwork_id": art})
    )
    both = picture(
        preview(
            client,
            "TEE-PRINT",
            colour="#FFFFFF",
            artwork_back={"artwork_id": art, "placement": {"scale": "0.5"}},
        )
    )

    # One shirt, filled in the middle, when only the front is used.
    assert near(front_only.getpixel((500, 460)), RED)
    # Two shirts side by side with the back used, named under each, in a picture only as
    # tall as a shirt and its names: the middle is background between them, the left
    # (front) is plain, the right (back) carries the red artwork.
    assert both.size == (1000, 500 + 2 * (500 // 16))
    assert near(both.getpixel((500, 230)), (238, 238, 236), 12)
    assert near(both.getpixel((250, 310)), (247, 247, 245), 15)
    assert near(both.getpixel((750, 230)), RED)


def test_the_cart_and_order_page_show_the_table_as_drawn(client, products, quiet_broker) -> None:
    PlantFactory(
        code="wood-1",
        capabilities=("cnc_cut", "assemble", "finish", "qc", "pack"),
        minutes_per_day=2000,
    )
    table = products["TABLE-SOLID"]
    fields = {"width": "200", "depth": "90", "wood": "walnut", "quantity": "1"}
    assert client.post(table.get_absolute_url(), fields).status_code == 302
    thumb = re.compile(r'<img class="design-thumb" src="([^"]+)"')

    cart_thumb = thumb.search(client.get("/cart/").content.decode())
    assert cart_thumb, "no picture of the table in the cart"
    walnut_top = TableLook(200, 90).top_centre()
    in_cart = picture(client.get(html_lib.unescape(cart_thumb.group(1))))
    scale = in_cart.width / 1000
    red, _green, _blue = in_cart.getpixel(
        (round(walnut_top[0] * scale), round(walnut_top[1] * scale))
    )
    assert red < 130  # dark walnut

    order = place(Cart.objects.get())
    page = client.get(f"{order.get_absolute_url()}?token={order.tracking_token}").content.decode()
    order_thumb = thumb.search(page)
    assert order_thumb, "no picture of the table on the order page"
    assert max(picture(Client().get(html_lib.unescape(order_thumb.group(1)))).size) >= 200
