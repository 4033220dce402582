"""An invoice order tells the shopper how much to pay, where to, with which reference and
by when: on the order page and in the order email, in their language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format

from orders.models import Payment
from orders.services.lifecycle import order_mark_paid
from tests.mail import emails_sent
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db

ACCOUNT = {
    "holder": "Acme Print Co., Ltd.",
    "bank": "Bank of Shanghai",
    "account": "6222 1111 2222 3333",
    "swift": "BOSHCNSH",
}


@pytest.fixture
def bank(settings):
    settings.INVOICE_BANK_ACCOUNT = ACCOUNT
    settings.INVOICE_PAYMENT_DAYS = 10


def invoice_order(tumbler, language="en"):
    # Two brushed tumblers (2 × 129.00) + 12.00 standard shipping = 270.00
    return place(fill_cart(tumbler), payment_provider="invoice", payment_data={}, language=language)


def pay_by(order, language):
    day = timezone.localdate(order.created_at) + timedelta(days=10)
    with translation.override(language):
        return date_format(day, "DATE_FORMAT")


@pytest.mark.parametrize(
    ("language", "heading", "amount_label"),
    [("en", "Pay by bank transfer", "Amount due"), ("zh-hans", "银行转账付款", "应付金额")],
)
def test_the_order_page_shows_amount_account_reference_and_deadline(
    client, tumbler, bank, language, heading, amount_label
):
    order = invoice_order(tumbler, language)
    reference = Payment.objects.get(order=order).reference
    client.post("/i18n/setlang/", {"language": language})

    html = client.get(order.get_absolute_url(), {"token": order.tracking_token}).content.decode()

    assert heading in html and amount_label in html
    assert '<dd class="amount-due">¥270.00</dd>' in html
    assert f"<code>{reference}</code>" in html and reference.startswith("INV-")
    assert all(value in html for value in ACCOUNT.values())
    assert pay_by(order, language) in html


@pytest.mark.parametrize(
    ("language", "lines"),
    [
        ("en", ["Amount due: ¥270.00", "Payment reference: INV-", "Account number: 6222"]),
        ("zh-hans", ["应付金额: ¥270.00", "付款备注号: INV-", "银行账号: 6222"]),
    ],
)
def test_the_order_email_carries_the_same_instructions(
    tumbler, bank, django_capture_on_commit_callbacks, mailoutbox, language, lines
):
    with django_capture_on_commit_callbacks(execute=True):
        order = invoice_order(tumbler, language)
    [mail] = emails_sent()
    reference = Payment.objects.get(order=order).reference
    assert all(line in mail.body for line in lines)
    assert reference in mail.body and pay_by(order, language) in mail.body
    assert "BOSHCNSH" in mail.body and "&amp;" not in mail.body


def test_the_instructions_go_once_the_money_has_arrived(client, tumbler, bank):
    order = invoice_order(tumbler)
    order_mark_paid(order_id=order.pk, actor="operator")
    html = client.get(order.get_absolute_url(), {"token": order.tracking_token}).content
    assert b"Pay by bank transfer" not in html and b"Amount due" not in html


def test_a_card_order_shows_no_bank_details(client, tumbler, bank):
    order = place(fill_cart(tumbler))
    html = client.get(order.get_absolute_url(), {"token": order.tracking_token}).content
    assert b"Pay by bank transfer" not in html and ACCOUNT["account"].encode() not in html
