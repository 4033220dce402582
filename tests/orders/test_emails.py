"""Order emails go out in the language the customer shopped in."""

from __future__ import annotations

import pytest

from tests.mail import emails_sent
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "subject", "body"),
    [
        ("en", "is placed", "Follow your order from the factory to your door:"),
        ("zh-hans", "已提交", "从工厂到您家门口，全程跟踪您的订单："),
    ],
)
def test_the_placed_email_is_in_the_customers_language(
    tumbler, django_capture_on_commit_callbacks, mailoutbox, language, subject, body
):
    with django_capture_on_commit_callbacks(execute=True):
        order = place(fill_cart(tumbler), language=language)
    [mail] = emails_sent()
    assert subject in mail.subject and order.number in mail.subject
    assert body in mail.body
    assert mail.to == ["li.wei@example.com"]
    assert "&amp;" not in mail.body and "&#x27;" not in mail.body


def test_an_invoice_order_email_says_work_starts_when_the_money_arrives(
    tumbler, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        place(fill_cart(tumbler), payment_provider="invoice", payment_data={})
    assert "as soon as the money arrives" in emails_sent()[0].body


def test_a_broken_mail_server_never_fails_the_checkout(
    tumbler, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.orders.test_emails.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        order = place(fill_cart(tumbler))
    assert order.status == "placed"


class BrokenBackend:
    def __init__(self, *args, **kwargs) -> None:
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError("smtp down")
