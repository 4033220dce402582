"""Provider notifications: signed, fresh, applied once."""

from __future__ import annotations

import json
import time

import pytest
from django.conf import settings

from orders.models import OutboxMessage, Payment, PaymentNotification
from orders.services.payments import sign
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db
URL = "/api/v1/payments/invoice/webhook/"


def _post(client, body: dict, *, event_id="evt_1", timestamp=None, secret=None, signature=None):
    raw = json.dumps(body).encode()
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    secret = secret or settings.PAYMENT_WEBHOOK_SECRETS["invoice"]
    signature = signature or sign(secret=secret, event_id=event_id, timestamp=timestamp, body=raw)
    return client.post(
        URL,
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
    return order, {"type": "payment.captured", "reference": payment.reference, "amount": "270.00"}


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


@pytest.mark.parametrize("age", [301, -301, 3600])
def test_a_stale_or_future_timestamp_is_refused(client, invoice_order, age):
    _, body = invoice_order
    response = _post(client, body, timestamp=int(time.time()) - age)
    assert response.status_code == 400 and response.json()["code"] == "invalid_signature"


def test_missing_headers_are_refused(client, invoice_order):
    response = client.post(URL, b"{}", content_type="application/json")
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
