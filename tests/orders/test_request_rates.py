"""Request rates per client address (c2m.request_rates): card testing at checkout, uploads
and previews, the consumer API and the payment webhook are refused over their rate with a
clear 429 before any work is done, and another address is not held back."""

from __future__ import annotations

import pytest
from django.test import Client

from orders.models import Order, Payment
from orders.services.payments.sandbox import DECLINE
from tests.orders.artwork_web.conftest import png, tee, upload  # noqa: F401 - fixture
from tests.orders.test_pages import add_to_cart, checkout_form
from tests.shared_cache import redis_cache  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

ELSEWHERE = {"REMOTE_ADDR": "203.0.113.9"}


@pytest.fixture(autouse=True)
def _rates(redis_cache, settings):  # noqa: F811 - counted in real Redis, as in production
    settings.REQUEST_RATES = {
        "checkout": "3/h",
        "upload": "2/h",
        "preview": "3/min",
        "consumer-api": "4/min",
        "payment-webhook": "2/min",
    }


def test_a_card_tester_is_stopped_after_three_checkouts_and_no_card_is_tried(client, tumbler):
    add_to_cart(client, tumbler)
    tries = [
        client.post("/checkout/", checkout_form(client, card_number=DECLINE)) for _ in range(4)
    ]
    payments_tried = Payment.objects.count()

    assert [r.status_code for r in tries] == [200, 200, 200, 429]
    assert "declined" in tries[0].content.decode().lower()
    assert "Too many requests from your network. Try again in 20 minutes." in (
        tries[-1].content.decode()
    )
    assert 1190 < int(tries[-1]["Retry-After"]) <= 1200
    # The fourth card never reached the payment provider
    fifth = client.post("/checkout/", checkout_form(client, card_number=DECLINE))
    assert fifth.status_code == 429 and Payment.objects.count() == payments_tried

    # A shopper elsewhere checks out as usual
    shopper = Client(**ELSEWHERE)
    add_to_cart(shopper, tumbler)
    placed = shopper.post("/checkout/", checkout_form(shopper))
    assert placed.status_code == 302 and Order.objects.count() == 1


def test_the_refusal_is_in_the_shoppers_language(client, tumbler):
    client.cookies["django_language"] = "zh-hans"
    add_to_cart(client, tumbler)
    tries = [client.post("/checkout/", {}) for _ in range(4)]

    assert tries[-1].status_code == 429
    assert "来自您网络的请求过多" in tries[-1].content.decode()


def test_uploads_are_refused_over_their_rate_on_the_api_and_the_page(client, tee):  # noqa: F811
    answers = [upload(client, png((900 + n, 1200))) for n in range(3)]
    page = client.post("/artworks/upload/", {"sku": "TEE-PRINT", "option": "artwork_front"})

    assert [a.status_code for a in answers] == [201, 201, 429]
    body = answers[-1].json()
    assert body["code"] == "throttled" and set(body) >= {"code", "detail", "errors"}
    assert int(answers[-1]["Retry-After"]) > 0
    assert page.status_code == 429 and "Too many requests" in page.content.decode()
    assert upload(Client(**ELSEWHERE), png()).status_code == 201


def test_previews_are_refused_over_their_rate_with_the_error_body(client, tee):  # noqa: F811
    url = "/products/TEE-PRINT/preview/?colour=%23111111&size=M&px=200"
    answers = [client.get(url, HTTP_ACCEPT="application/json") for _ in range(4)]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[-1].json()["code"] == "too_many_attempts"
    assert int(answers[-1]["Retry-After"]) >= 1
    assert Client(**ELSEWHERE).get(url).status_code == 200


def test_the_consumer_api_answers_429_with_the_error_body(client):
    answers = [client.get("/api/v1/orders/") for _ in range(5)]

    assert [a.status_code for a in answers][-1] == 429
    assert all(a.status_code != 429 for a in answers[:4])
    assert answers[-1].json()["code"] == "throttled" and "Retry-After" in answers[-1]


def test_the_payment_webhook_is_refused_over_its_rate_before_its_signature_is_checked(client):
    answers = [
        client.post("/api/v1/payments/test/webhook/", {}, content_type="application/json")
        for _ in range(3)
    ]

    assert [a.status_code for a in answers] == [400, 400, 429]
    assert answers[-1].json()["code"] == "throttled"
