"""Share links, languages, and garbage input: never a 500."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _share_url(html: str) -> str:
    return html_lib.unescape(re.search(r'class="share-link" href="([^"]+)"', html).group(1))


def test_share_link_reopens_exactly_the_same_design(client, tumbler):
    # Given a design made in the configurator
    design = {
        "capacity": "750ml",
        "finish": "matte_black",
        "engraving": "Li Wei 李伟\n2026",
        "engraving.font": "kai",
        "quantity": "3",
    }
    update = client.post(reverse("orders:product_configure", args=[tumbler.sku]), design, **HTMX)
    link = _share_url(update.content.decode())

    # When someone opens its share link
    page = client.get(link.removeprefix("http://testserver")).content.decode()

    # Then every choice, the text, the font and the quantity are back, with the same price
    assert re.search(r'value="750ml" checked', page)
    assert re.search(r'value="matte_black" checked', page)
    assert ">Li Wei 李伟\n2026</textarea>" in page
    assert '<option value="kai" selected>' in page
    assert 'name="quantity"' in page and 'value="3"' in page
    assert re.search(r'data-total="([^"]+)"', page).group(1) == re.search(
        r'data-total="([^"]+)"', update.content.decode()
    ).group(1)


@pytest.mark.parametrize(
    "token",
    ["garbage", "eyJzIjoiVFVNQkxFUi1FTkdSQVZFRCJ9:1x:abc", "", "." * 5000, "%00%ff"],
)
def test_a_tampered_share_link_shows_a_message_never_a_500(client, tumbler, token):
    response = client.get(tumbler.get_absolute_url(), {"design": token})
    assert response.status_code == 200
    if token:
        assert "This design link is damaged." in response.content.decode()


def test_an_altered_share_link_is_refused(client, tumbler):
    update = client.post(
        reverse("orders:product_configure", args=[tumbler.sku]), {"finish": "brushed"}, **HTMX
    )
    link = _share_url(update.content.decode())
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    page = client.get(tampered.removeprefix("http://testserver")).content.decode()
    assert "This design link is damaged." in page
    assert not re.search(r'value="brushed" checked', page)


def test_a_share_link_of_another_product_is_refused(client, tumbler, table):
    update = client.post(
        reverse("orders:product_configure", args=[tumbler.sku]), {"finish": "brushed"}, **HTMX
    )
    query = _share_url(update.content.decode()).split("?", 1)[1]
    page = client.get(f"{table.get_absolute_url()}?{query}").content.decode()
    assert "This design link is for another product." in page


def test_switching_to_chinese_shows_chinese_labels_prices_and_errors(client, tumbler, table):
    # When the visitor switches the language with the switch in the header
    page = client.get(tumbler.get_absolute_url()).content.decode()
    assert 'action="/i18n/setlang/"' in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": tumbler.get_absolute_url()})

    # Then the page, option labels and values are in Chinese
    page = client.get(tumbler.get_absolute_url()).content.decode()
    assert '<html lang="zh-hans">' in page
    assert "刻字不锈钢保温杯" in page and "容量" in page and "拉丝不锈钢" in page
    assert "加入购物车" in page  # Add to cart

    # And errors and price reasons from the update come in Chinese too
    html = client.post(
        reverse("orders:product_configure", args=[table.sku]),
        {"width": "200", "depth": "90", "wood": "oak", "top": "glass"},
        **HTMX,
    ).content.decode()
    assert "长度必须在40到180cm之间。" in html
    assert "钢化玻璃桌面最长180厘米。" in html
    html = client.post(
        reverse("orders:product_configure", args=[table.sku]),
        {"width": "120", "depth": "80", "wood": "oak"},
        **HTMX,
    ).content.decode()
    assert "基础价" in html and "每个订单行收取一次" in html


GARBAGE = [
    {},
    {"quantity": "-5"},
    {"quantity": "1e999"},
    {"quantity": "NaN", "capacity": "huge"},
    {"quantity": "9" * 400},
    {"finish": ["brushed", "mirror", "nope"], "capacity": ""},
    {"engraving": "\u202eevil\u200b", "engraving.font": "comic"},
    {"engraving": "x" * 50_000},
    {"width": "1e400", "depth": "-0", "height": "Infinity", "wood": "balsa"},
    {"width": "１２０", "depth": "90.00000000000000001", "top": "glass", "glass_tint": "gold"},
    {"extras": ["gift_box"] * 30, "colour": "#zzzzzz", "size": "\x00"},
    {"artwork_front": "../../etc/passwd", "artwork_front.scale": "999"},
    {"monogram": "A" * 10, "add_monogram": "maybe", "chest": "abc"},
    {"unknown": "field", "csrfmiddlewaretoken": "x", "action": "nonsense"},
]


@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_posts_never_give_a_500(client, catalog, data):
    for product in catalog.values():
        update = client.post(reverse("orders:product_configure", args=[product.sku]), data, **HTMX)
        page = client.post(product.get_absolute_url(), data)
        assert update.status_code == 200
        assert page.status_code in (200, 302, 400)
