"""A guest finds an order by its number and email; wrong guesses are limited and every
dead end is a page of the shop, in the shopper's language, never Django's."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory
from django.utils import translation

from c2m.views import server_error
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db
FIND = "/orders/find/"


@pytest.fixture
def order(tumbler, quiet_broker):
    return place(fill_cart(tumbler))


def test_a_guest_finds_the_order_by_number_and_email_in_any_case(order):
    guest = Client()
    assert guest.get(order.get_absolute_url()).status_code == 404

    response = guest.post(FIND, {"number": order.number.lower(), "email": "Li.Wei@Example.com"})

    assert response.status_code == 302 and response["Location"] == order.get_absolute_url()
    page = guest.get(order.get_absolute_url())
    assert page.status_code == 200 and order.number in page.content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "We found no order with this number and email address."),
        ("zh-hans", "没有找到与该订单号和邮箱相符的订单。"),
    ],
)
def test_a_wrong_email_finds_nothing_and_says_so(order, language, message):
    guest = Client(headers={"accept-language": language})

    response = guest.post(FIND, {"number": order.number, "email": "someone@example.com"})

    assert response.status_code == 200 and message in response.content.decode()
    assert guest.get(order.get_absolute_url()).status_code == 404


def test_too_many_wrong_guesses_are_refused_for_a_while(order, settings):
    settings.ORDER_LOOKUP_MAX_FAILURES_PER_IP = 3
    guest = Client()
    answers = [
        guest.post(FIND, {"number": order.number, "email": f"guess{n}@example.com"}).status_code
        for n in range(3)
    ]
    right = guest.post(FIND, {"number": order.number, "email": "li.wei@example.com"})

    assert answers == [200, 200, 429] and right.status_code == 429
    assert "Too many failed order lookups" in right.content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Find your order by its number"), ("zh-hans", "用订单号和邮箱查找订单")],
)
def test_a_wrong_or_missing_token_gets_the_shops_404_page(order, language, words):
    guest = Client(headers={"accept-language": language})
    for token in ("", "not-the-token"):
        response = guest.get(order.get_absolute_url(), {"token": token} if token else {})
        assert response.status_code == 404
        page = response.content.decode()
        assert words in page and 'class="site-header"' in page and "Traceback" not in page


def test_a_form_without_its_csrf_token_gets_the_shops_403_page(order):
    guest = Client(enforce_csrf_checks=True, headers={"accept-language": "zh-hans"})

    response = guest.post(FIND, {"number": order.number, "email": "li.wei@example.com"})

    assert response.status_code == 403
    assert "您无权打开此页面。" in response.content.decode()


@pytest.mark.parametrize(
    ("language", "words"),
    [("en", "Something went wrong on our side."), ("zh-hans", "我们这边出了问题。")],
)
def test_a_server_error_gets_the_shops_500_page(language, words):
    request = RequestFactory().get("/cart/")
    with translation.override(language):
        response = server_error(request)
    assert response.status_code == 500 and words in response.content.decode()
