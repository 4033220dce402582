"""Provider notifications: signed, fresh, applied once."""

from __future__ import annotations

import hashlib
import json
import time

import pytest
from django.conf import settings

from orders.models import OutboxMessage, Payment, PaymentNotification
from orders.services.payments import sign
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db


def _post(
    client,
    body: dict | bytes,
    *,
    event_id="evt_1",
    timestamp=None,
    secret=None,
    signature=None,
    provider="invoice",
):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    secret = secret or settings.PAYMENT_WEBHOOK_SECRETS[provider]
    signature = signature or sign(secret=secret, event_id=event_id, timestamp=timestamp, body=raw)
    return client.post(
        f"/api/v1/payments/{provider}/webhook/",
        raw,
        content_type="application/json",
        HTTP_C2M_WEBHOOK_ID=event_id,
        HTTP_C2M_WEBHOOK_TIMESTAMP=timestamp,
        HTTP_C2M_WEBHOOK_SIGNATURE=signature,
    )


@pytest.fixture
def invoice_order(tumbler):
    order = place(fill_cart(tumbler), payment_provider="invoice", payment_data={})
    payment = Payment.objects.get(order=order)
    return order, {
        "type": "payment.captured",
        "reference": payment.reference,
        "amount": "270.00",
        "currency": payment.currency,
    }


def test_a_signed_capture_marks_the_invoice_order_paid_once(client, invoice_order):
    order, body = invoice_order
    assert order.total == 270  # brushed tumbler 129.00 × 2 + standard shipping 12.00

    first = _post(client, body)
    replay = _post(client, body)

    assert first.status_code == 200 and first.json() == {"received": True, "duplicate": False}
    assert replay.status_code == 200 and replay.json()["duplicate"] is True
    order.refresh_from_db()
    assert order.status == "placed"
    assert OutboxMessage.objects.filter(payload__order_id=order.pk).count() == 1
    assert PaymentNotification.objects.count() == 1


def test_a_forged_signature_is_refused_and_changes_nothing(client, invoice_order, caplog):
    order, body = invoice_order
    response = _post(client, body, secret="not-the-secret")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_signature"
    order.refresh_from_db()
    assert order.status == "pending_payment"
    assert not PaymentNotification.objects.exists()
    assert [r.message for r in caplog.records if "refused webhook" in r.message] == [
        "payments: refused webhook 'evt_1': forged webhook signature"
    ]


def test_a_body_changed_after_signing_is_refused(client, invoice_order):
    _, body = invoice_order
    timestamp = str(int(time.time()))
    raw = json.dumps(body).encode()
    signature = sign(
        secret=settings.PAYMENT_WEBHOOK_SECRETS["invoice"],
        event_id="evt_1",
        timestamp=timestamp,
        body=raw,
    )
    tampered = body | {"amount": "1.00"}
    response = _post(client, tampered, timestamp=timestamp, signature=signature)
    assert response.status_code == 400


# A future timestamp a few seconds past the window: int(time.time()) drops up to a second
# and the request takes time, so -301 could land back inside it.
@pytest.mark.parametrize("age", [301, -305, 3600])
def test_a_stale_or_future_timestamp_is_refused(client, invoice_order, age):
    _, body = invoice_order
    response = _post(client, body, timestamp=int(time.time()) - age)
    assert response.status_code == 400 and response.json()["code"] == "invalid_signature"


def test_missing_headers_are_refused(client, invoice_order):
    response = client.post(
        "/api/v1/payments/invoice/webhook/", b"{}", content_type="application/json"
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid_signature"


def test_a_capture_for_another_amount_is_refused(client, invoice_order):
    order, body = invoice_order
    response = _post(client, body | {"amount": "1.00"})
    assert response.status_code == 422 and response.json()["code"] == "amount_mismatch"
    order.refresh_from_db()
    assert order.status == "pending_payment"


def test_an_unknown_provider_is_a_json_404(client):
    response = client.post("/api/v1/payments/nope/webhook/", b"{}", content_type="application/json")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_signed_but_malformed_body_is_a_400(client, invoice_order):
    response = _post(client, {"no": "type"})
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_a_signed_refund_from_the_card_gateway_marks_the_payment_refunded(client, tumbler):
    order = place(fill_cart(tumbler))
    payment = Payment.objects.get(order=order)
    raw = json.dumps({"type": "payment.refunded", "reference": payment.reference}).encode()
    timestamp = str(int(time.time()))
    response = client.post(
        "/api/v1/payments/test/webhook/",
        raw,
        content_type="application/json",
        HTTP_C2M_WEBHOOK_ID="evt_refund",
        HTTP_C2M_WEBHOOK_TIMESTAMP=timestamp,
        HTTP_C2M_WEBHOOK_SIGNATURE=sign(
            secret=settings.PAYMENT_WEBHOOK_SECRETS["test"],
            event_id="evt_refund",
            timestamp=timestamp,
            body=raw,
        ),
    )
    assert response.status_code == 200
    payment.refresh_from_db()
    assert (payment.status, payment.refunded_amount) == ("refunded", order.total)


@pytest.mark.parametrize("left_out", ["amount", "currency"])
def test_a_capture_that_does_not_say_what_was_taken_is_refused(client, invoice_order, left_out):
    order, body = invoice_order
    del body[left_out]
    response = _post(client, body)
    assert response.status_code == 422
    assert response.json()["code"] == "capture_amount_required"
    assert response.json()["errors"] == {left_out: ["Required."]}
    order.refresh_from_db()
    assert order.status == "pending_payment"
    assert Payment.objects.get(order=order).status == "pending"
    assert not OutboxMessage.objects.filter(payload__order_id=order.pk).exists()


def test_a_capture_in_another_currency_is_refused(client, invoice_order):
    order, body = invoice_order
    assert body["currency"] == "CNY"
    response = _post(client, body | {"currency": "USD"})
    assert response.status_code == 422 and response.json()["code"] == "currency_mismatch"
    order.refresh_from_db()
    assert order.status == "pending_payment"


@pytest.mark.parametrize(
    "amount", [b'"NaN"', b'"sNaN"', b'"Infinity"', b"1e400", b"true", b'{"value": 270}']
)
def test_an_amount_that_is_not_a_finite_number_is_a_400(client, invoice_order, amount):
    order, body = invoice_order
    raw = json.dumps(body | {"amount": "AMOUNT"}).encode().replace(b'"AMOUNT"', amount)
    response = _post(client, raw)
    # 1e400 is refused by the shared JSON reader, the others by the amount's own rule.
    expected = "malformed_request" if amount == b"1e400" else "invalid"
    assert response.status_code == 400 and response.json()["code"] == expected
    order.refresh_from_db()
    assert order.status == "pending_payment"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("event_id", "e" * 101, "At most 100 characters."),
        ("type", "payment." + "x" * 92, "At most 60 characters."),
        ("reference", "R" * 81, "At most 80 characters."),
        ("type", 7, "Required, a string."),
        ("currency", "euro", "A three-letter ISO 4217 code."),
    ],
)
def test_fields_that_do_not_fit_their_columns_are_a_structured_400(
    client, invoice_order, field, value, message
):
    order, body = invoice_order
    if field == "event_id":
        response = _post(client, body, event_id=value)
    else:
        response = _post(client, body | {field: value})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["errors"] == {field: [message]}
    assert not PaymentNotification.objects.exists()
    order.refresh_from_db()
    assert order.status == "pending_payment"


def test_a_notification_of_a_provider_not_enabled_here_is_a_404(client, tumbler, settings):
    order = place(fill_cart(tumbler))
    payment = Payment.objects.get(order=order)
    settings.PAYMENT_PROVIDERS = ["invoice"]
    body = {"type": "payment.refunded", "reference": payment.reference}
    response = _post(client, body, provider="test")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    payment.refresh_from_db()
    assert payment.status == "captured"
    assert not PaymentNotification.objects.exists()


def test_the_sandbox_takes_no_notifications_outside_demo_settings(client, tumbler, settings):
    order = place(fill_cart(tumbler))
    payment = Payment.objects.get(order=order)
    settings.DEMO_MODE = False  # as in production, even if PAYMENT_PROVIDERS names it
    body = {"type": "payment.refunded", "reference": payment.reference}
    response = _post(client, body, provider="test")
    assert response.status_code == 404
    payment.refresh_from_db()
    assert payment.status == "captured"


def test_the_forgery_of_the_issue_no_longer_works(client, tumbler):
    """The reference was sha256(idempotency key): the shopper could compute it, sign a
    capture with the public development secret, and have the order marked paid."""
    key = "my-own-key-12345"
    order = place(fill_cart(tumbler), idempotency_key=key, payment_provider="invoice")
    payment = Payment.objects.get(order=order)
    guessed = "INV-" + hashlib.sha256(key.encode()).hexdigest()[:10].upper()
    assert payment.reference != guessed
    response = _post(client, {"type": "payment.captured", "reference": guessed})
    assert response.status_code == 422  # no amount, no currency: not even looked up
    response = _post(
        client,
        {"type": "payment.captured", "reference": guessed, "amount": "270", "currency": "CNY"},
        event_id="evt_2",
    )
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == "pending_payment"


@pytest.mark.parametrize("amount", ["0", "-5.00", "1000000.00"])
def test_a_refund_of_nothing_or_of_more_than_was_captured_is_refused(client, tumbler, amount):
    order = place(fill_cart(tumbler))
    payment = Payment.objects.get(order=order)
    body = {"type": "payment.refunded", "reference": payment.reference, "amount": amount}
    response = _post(client, body, provider="test")
    assert response.status_code == 422 and response.json()["code"] == "invalid_refund_amount"
    payment.refresh_from_db()
    assert (payment.status, payment.refunded_amount) == ("captured", 0)
