"""An invoice nobody pays in time cancels its order, once, and tells the shopper why in
their language; money arriving after that is shown on the order to be given back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from orders.models import OrderStatus, Payment
from orders.selectors.timeline import order_timeline
from orders.services.invoices import invoices_expire
from orders.services.lifecycle import order_mark_paid
from tests.mail import emails_sent
from tests.orders.conftest import fill_cart, place
from tests.orders.test_payment_webhooks import _post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def ten_days_to_pay(settings):
    settings.INVOICE_PAYMENT_DAYS = 10


def invoice_order(tumbler, language="en"):
    # Two brushed tumblers (2 × 129.00) + 12.00 standard shipping = 270.00
    return place(fill_cart(tumbler), payment_provider="invoice", payment_data={}, language=language)


def last_day(order):
    return timezone.localdate(order.created_at) + timedelta(days=10)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "We did not receive the payment for your order {} by {}, so we have cancelled"),
        ("zh-hans", "我们未在{1}前收到订单 {0} 的付款，因此已将其取消"),
    ],
)
def test_an_unpaid_invoice_cancels_its_order_the_day_after_the_last_day_to_pay(
    tumbler, quiet_broker, django_capture_on_commit_callbacks, mailoutbox, language, words
):
    order = invoice_order(tumbler, language)
    emails_sent().clear()

    with django_capture_on_commit_callbacks(execute=True):
        on_the_last_day = invoices_expire(today=last_day(order))
        the_day_after = invoices_expire(today=last_day(order) + timedelta(days=1))
        again = invoices_expire(today=last_day(order) + timedelta(days=2))

    assert on_the_last_day == [] and again == []
    assert the_day_after == [order.number]
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert Payment.objects.get(order=order).status == "voided"
    [mail] = emails_sent()
    with translation.override(language):
        day = date_format(last_day(order), "DATE_FORMAT")
        assert words.format(order.number, day) in mail.body
        [cancelled] = [e for e in order_timeline(order=order) if e.code == "cancelled"]
    assert cancelled.detail in ("the invoice was not paid in time", "发票未按时付款")


def test_a_paid_invoice_order_is_never_cancelled_for_lateness(tumbler, quiet_broker):
    order = invoice_order(tumbler)
    order_mark_paid(order_id=order.pk, actor="payment:invoice")

    assert invoices_expire(today=last_day(order) + timedelta(days=30)) == []
    order.refresh_from_db()
    assert order.status == OrderStatus.PLACED


def test_a_payment_arriving_after_the_cancellation_is_shown_to_be_refunded(
    client, tumbler, quiet_broker
):
    order = invoice_order(tumbler)
    invoices_expire(today=last_day(order) + timedelta(days=1))
    payment = Payment.objects.get(order=order)

    late = _post(
        client,
        {
            "type": "payment.captured",
            "reference": payment.reference,
            "amount": "270.00",
            "currency": payment.currency,
        },
    )

    assert late.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    page = client.get(f"/orders/{order.number}/?token={order.tracking_token}").content.decode()
    assert "Payment received after cancellation: we will refund it" in page
