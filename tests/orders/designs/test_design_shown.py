"""The design is shown as a picture of its preview with its choices in words, in the cart,
checkout, order page, emails and admin; never an internal artwork id."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.test import Client

from orders.models import Cart, OrderLine
from tests.factories import PlantFactory
from tests.mail import emails_sent
from tests.orders.conftest import place

from .shopper import picture, submit, swap_upload, upload_through_page

pytestmark = pytest.mark.django_db
THUMB = re.compile(r'<img class="design-thumb" src="([^"]+)"')


@pytest.fixture
def design_in_cart(client, tee) -> Cart:
    """A shopper's T-shirt with their picture at half size, in their cart."""
    PlantFactory(code="sz-print", city="Shenzhen")
    page = client.get(tee.get_absolute_url()).content.decode()
    page = swap_upload(page, upload_through_page(client, page, picture()).content.decode())
    response = submit(
        client, tee.get_absolute_url(), page, size="M", **{"artwork_front.scale": "0.5"}
    )
    assert response.status_code == 302
    return Cart.objects.get()


def _thumbnail(html: str) -> str:
    match = THUMB.search(html)
    assert match, "no design picture on the page"
    return html_lib.unescape(match.group(1))


def _is_picture(response) -> bool:
    return response.status_code == 200 and response["Content-Type"] == "image/webp"


@pytest.mark.parametrize("path", ["/cart/", "/checkout/"])
def test_cart_and_checkout_show_the_picture_and_words(client, design_in_cart, path):
    html = client.get(path).content.decode()

    assert "Front: your artwork, 50 %" in html
    assert "Size: M" in html
    assert "art_" not in html and "(scale" not in html
    assert _is_picture(client.get(_thumbnail(html)))


def test_the_cart_in_chinese(client, design_in_cart):
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/cart/"})
    html = client.get("/cart/").content.decode()
    assert "正面：您的图案，50%" in html and "尺码：M" in html


def test_order_page_email_and_admin_show_the_picture_by_a_signed_link(
    client,
    design_in_cart,
    quiet_broker,
    settings,
    django_user_model,
    django_capture_on_commit_callbacks,
):
    settings.SITE_URL = "https://shop.example"
    with django_capture_on_commit_callbacks(execute=True):
        order = place(design_in_cart)
    line = OrderLine.objects.get(order=order)

    # The order page: words and the picture, which opens without the shopper's session
    page = client.get(f"/orders/{order.number}/?token={order.tracking_token}").content.decode()
    assert "Front: your artwork, 50 %" in page and "art_" not in page
    thumbnail = _thumbnail(page)
    assert _is_picture(Client().get(thumbnail))
    # while a changed link shows nothing
    assert Client().get(thumbnail[:-6] + "AAAAA/").status_code == 404

    # The order email: words in the text, the picture as an absolute link in the HTML
    [email] = [m for m in emails_sent() if order.number in m.subject]
    assert "Front: your artwork, 50 %" in email.body and "art_" not in email.body
    [(html, _mime)] = email.alternatives
    url = html_lib.unescape(re.search(r'<img class="design-thumb" src="([^"]+)"', html).group(1))
    assert url.startswith("https://shop.example/designs/")
    assert _is_picture(Client().get(url.removeprefix("https://shop.example")))

    # The admin's order page
    admin = Client()
    admin.force_login(django_user_model.objects.create_superuser("root", "r@x.example", "pw"))
    html = admin.get(f"/admin/orders/order/{order.pk}/change/").content.decode()
    assert "Front: your artwork, 50 %" in html
    assert 'class="c2m-design-thumb"' in html and "/designs/" in html
    assert line.configuration["artwork_front"]["artwork_id"] not in html


def test_the_order_email_in_chinese_names_the_design_in_chinese(
    client, design_in_cart, quiet_broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        place(design_in_cart, language="zh-hans")
    [email] = emails_sent()
    assert "正面：您的图案，50%" in email.body


def test_the_orders_api_says_the_design_in_words_and_links_its_picture(
    client, design_in_cart, quiet_broker, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://shop.example"
    with django_capture_on_commit_callbacks(execute=True):
        order = place(design_in_cart)
    url = f"/api/v1/orders/{order.number}/?token={order.tracking_token}"

    english = client.get(url).json()["lines"][0]
    chinese = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").json()["lines"][0]

    assert ["Front", "your artwork, 50 %"] in english["configuration_summary"]
    assert ["正面", "您的图案，50%"] in chinese["configuration_summary"]
    assert "art_" not in str(english["configuration_summary"])
    picture_url = english["thumbnail_url"]
    assert picture_url.startswith("https://shop.example/")
    assert _is_picture(Client().get(picture_url.removeprefix("https://shop.example")))
