"""Emails about an order's parcels and its cancellation: one per parcel, saying what is
inside and where to follow it; one when the order is cancelled, in the shopper's language."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from orders.services.lifecycle import order_cancel
from orders.services.parcels import parcels_announce
from production.services.factory_actions import work_order_report
from tests.mail import emails_sent
from tests.orders.conftest import fill_cart, place
from tests.orders.order_page.conftest import page_of, report, section, text_of

pytestmark = pytest.mark.django_db


def on_its_way(mails) -> list:
    return [m for m in mails if "on its way" in m.subject]


def announce(minutes: int) -> int:
    """Beat's announce-parcels run ``minutes`` from now; how many emails it sent."""
    return parcels_announce(now=timezone.now() + timedelta(minutes=minutes))


def test_one_email_per_parcel_says_what_is_inside_and_links_the_carrier(
    made_order, django_capture_on_commit_callbacks, mailoutbox
):
    # When the split line's first part and the second line ship in two parcels, and the
    # plant repeats the first parcel's delivery news
    with django_capture_on_commit_callbacks(execute=True):
        report(
            made_order.part_one, "qc_passed", "shipped", carrier="SF Express", tracking_number="SF1"
        )
        report(made_order.second_line, "qc_passed", "shipped", carrier="EMS", tracking_number="E2")
        announce(minutes=5)

    # Then one email per parcel, each about its own contents
    first, second = on_its_way(emails_sent())
    assert "SF Express, tracking number SF1" in first.body and "E2" not in first.body
    assert "2 × Engraved stainless steel tumbler (Capacity: 500 ml, Finish: Brushed steel)" in (
        first.body
    )
    assert "https://www.sf-express.com/chn/en/waybill/waybill-detail/SF1" in first.body
    assert "3 × Engraved stainless steel tumbler" in second.body and "SF1" not in second.body
    assert "https://www.ems.com.cn/queryList?mailNum=E2" in second.body


def test_a_parcel_holding_two_work_orders_gets_one_email_naming_both(
    client, made_order, django_capture_on_commit_callbacks, mailoutbox
):
    # Given both parts of the split line packed in the same parcel, reported one by one
    with django_capture_on_commit_callbacks(execute=True):
        report(
            made_order.part_one, "qc_passed", "shipped", carrier="SF Express", tracking_number="SF1"
        )
        # the email waits for the rest of the parcel
        assert announce(minutes=0) == 0
        report(
            made_order.part_two, "qc_passed", "shipped", carrier="SF Express", tracking_number="SF1"
        )
        announce(minutes=5)
        # and is never sent twice
        assert announce(minutes=10) == 0

    # Then the shopper got one email for the parcel naming both parts, as the page does
    [mail] = on_its_way(emails_sent())
    assert "SF1" in mail.body
    assert mail.body.count("Engraved stainless steel tumbler") == 2, mail.body
    parcels = text_of(section(page_of(client, made_order.order), "order-parcels"))
    assert parcels.count("SF1") == 1
    assert "Inside: 2 × Engraved stainless steel tumbler" in parcels
    assert ", 1 × Engraved stainless steel tumbler" in parcels


def test_a_parcel_delivered_before_its_email_was_due_gets_no_on_its_way_email(
    made_order, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        report(made_order.second_line, "qc_passed", "shipped", carrier="EMS", tracking_number="E2")
        work_order = made_order.second_line
        work_order_report(
            factory=work_order.factory,
            work_order_id=work_order.pk,
            actor=f"factory:{work_order.factory.code}",
            event="delivered",
            data={"carrier": "EMS", "tracking_number": "E2"},
        )
        assert announce(minutes=5) == 0
    assert on_its_way(emails_sent()) == []


@pytest.mark.parametrize(
    ("language", "subject", "words"),
    [
        ("en", "Your order {} is cancelled", "We have refunded ¥"),
        ("zh-hans", "您的订单 {} 已取消", "已退回"),
    ],
)
def test_a_cancelled_order_gets_one_email_in_the_shoppers_language(
    tumbler, quiet_broker, django_capture_on_commit_callbacks, mailoutbox, language, subject, words
):
    order = place(fill_cart(tumbler), language=language)
    emails_sent().clear()

    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order_id=order.pk, actor="customer:guest")

    [mail] = emails_sent()
    assert mail.subject == subject.format(order.number) and mail.to == ["li.wei@example.com"]
    assert words in mail.body and order.tracking_token in mail.body


def test_an_unpaid_invoice_order_cancelled_says_nothing_was_charged(
    tumbler, quiet_broker, django_capture_on_commit_callbacks, mailoutbox
):
    order = place(fill_cart(tumbler), payment_provider="invoice", payment_data={})
    with django_capture_on_commit_callbacks(execute=True):
        order_cancel(order_id=order.pk, actor="customer:guest")
    [mail] = [m for m in emails_sent() if "cancelled" in m.subject]
    assert "Nothing was charged, so there is nothing to refund." in mail.body
