"""Payment notifications with odd headers or bodies: a structured 4xx, never a 500, and
the order stays unpaid."""

from __future__ import annotations

import time

import pytest
from django.conf import settings

from orders.models import Payment, PaymentNotification
from orders.services.payments import sign
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db
URL = "/api/v1/payments/invoice/webhook/"
DEEP = "[" * 3000 + "]" * 3000


@pytest.fixture
def invoice_order(tumbler):
    order = place(fill_cart(tumbler), payment_provider="invoice", payment_data={})
    return order, Payment.objects.get(order=order).reference


def post_signed(client, raw: str, *, event_id: str = "evt_1", timestamp: str | None = None):
    body = raw.encode("utf-8", "surrogatepass")
    timestamp = timestamp or str(int(time.time()))
    signature = sign(
        secret=settings.PAYMENT_WEBHOOK_SECRETS["invoice"],
        event_id=event_id,
        timestamp=timestamp,
        body=body,
    )
    return client.post(
        URL,
        body,
        content_type="application/json",
        HTTP_C2M_WEBHOOK_ID=event_id,
        HTTP_C2M_WEBHOOK_TIMESTAMP=timestamp,
        HTTP_C2M_WEBHOOK_SIGNATURE=signature,
    )


@pytest.mark.parametrize("timestamp", ["9" * 400, "²", "１７００００００００", "-1", "1e9"])
def test_a_malformed_timestamp_is_a_refused_signature(client, timestamp):
    response = client.post(
        URL,
        b'{"type": "payment.captured", "reference": "INV-1"}',
        content_type="application/json",
        HTTP_C2M_WEBHOOK_ID="evt_1",
        HTTP_C2M_WEBHOOK_TIMESTAMP=timestamp,
        HTTP_C2M_WEBHOOK_SIGNATURE="v1=" + "0" * 64,
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_signature"


def test_a_signed_malformed_timestamp_is_refused_too(client, invoice_order):
    order, reference = invoice_order
    raw = f'{{"type": "payment.captured", "reference": "{reference}", "amount": "270.00"}}'

    response = post_signed(client, raw, timestamp="9" * 400)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_signature"
    order.refresh_from_db()
    assert order.status == "pending_payment"


@pytest.mark.parametrize(
    ("extra", "detail"),
    [
        ('"note": "a\\u0000b"', "NUL"),
        ('"n\\u0000te": 1', "NUL"),
        ('"note": "\\udc00"', "surrogate"),
        ('"fee": 1e400', "finite"),
        (f'"lines": {DEEP}', "nested"),
        ('"fee": NaN', "NaN"),
        (f'"fee": {"9" * 5000}', "at most 40 characters"),
    ],
    ids=["nul-value", "nul-key", "lone-surrogate", "1e400", "deep", "nan", "5000-digits"],
)
def test_a_signed_body_that_cannot_be_stored_is_a_400(client, invoice_order, extra, detail):
    order, reference = invoice_order
    raw = f'{{"type": "payment.captured", "reference": "{reference}", "amount": "270.00", {extra}}}'

    response = post_signed(client, raw)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "malformed_request"
    assert detail in body["detail"]
    assert "sys." not in body["detail"]
    order.refresh_from_db()
    assert order.status == "pending_payment"
    assert not PaymentNotification.objects.exists()


@pytest.mark.parametrize(
    "amount", ['"sNaN"', '"NaN"', '"Infinity"', '"1e999999"', '"1_0"', "true", "[]"]
)
def test_an_amount_that_is_not_a_bounded_decimal_is_refused(client, invoice_order, amount):
    order, reference = invoice_order
    raw = f'{{"type": "payment.captured", "reference": "{reference}", "amount": {amount}}}'

    response = post_signed(client, raw)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    order.refresh_from_db()
    assert order.status == "pending_payment"


def test_a_numeric_amount_equal_to_the_payment_still_captures(client, invoice_order):
    order, reference = invoice_order
    raw = (
        f'{{"type": "payment.captured", "reference": "{reference}", "amount": 270.00, '
        f'"currency": "{order.currency}"}}'
    )

    response = post_signed(client, raw)

    assert response.status_code == 200, response.content
    order.refresh_from_db()
    assert order.status == "placed"
