"""A durable item's warranty starts the day it is delivered and the customer reads it on
the order page and in the API; half a year on, one care email, in their language."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from orders.models import OutboxMessage, Warranty
from orders.services.warranties import warranty_care_reminders_send
from production.models import WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product
from tests.mail import emails_sent
from tests.orders.conftest import fill_cart, place

from .conftest import OAK_TABLE, buy

pytestmark = pytest.mark.django_db
DELIVERED_ON = date(2026, 12, 5)
DELIVERED_AT = datetime(2026, 12, 5, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def delivered(order) -> None:
    """Plan, route, make, check, ship and deliver the order as its plant reports it."""
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
    [work_order_id] = orders_plan(message_ids=[message.pk])
    work_orders_route(work_order_ids=[work_order_id])
    plant = WorkOrder.objects.get(pk=work_order_id).factory
    work_order_accept(factory=plant, work_order_id=work_order_id, actor="plant")
    steps = [
        ("started", {}),
        ("qc_passed", {}),
        ("shipped", {"carrier": "SF Express", "tracking_number": "SF100"}),
        ("delivered", {"tracking_number": "SF100", "delivered_at": DELIVERED_AT}),
    ]
    for event, data in steps:
        work_order_report(
            factory=plant, work_order_id=work_order_id, actor="plant", event=event, data=data
        )


def test_delivery_registers_the_warranty_with_the_extension_bought(table, quiet_broker):
    order = buy(table, **OAK_TABLE, services=["extended_warranty"])

    delivered(order)

    warranty = Warranty.objects.get(order_line__order=order)
    # 12 months of the table's own + 24 bought
    assert (warranty.starts_on, warranty.ends_on) == (DELIVERED_ON, date(2029, 12, 5))
    page = Client(headers={"accept-language": "zh-hans"}).get(
        order.get_absolute_url(), {"token": order.tracking_token}
    )
    assert "保修至 2029年12月5日" in page.content.decode()
    english = Client().get(order.get_absolute_url(), {"token": order.tracking_token})
    assert "Warranty until Dec. 5, 2029" in english.content.decode()


def test_the_consumer_api_shows_the_warranty_and_the_services(table, quiet_broker):
    order = buy(table, **OAK_TABLE, services=["care_plan"])
    delivered(order)

    response = Client().get(f"/api/v1/orders/{order.number}/", {"token": order.tracking_token})

    assert response.status_code == 200, response.content
    [line] = response.json()["lines"]
    assert line["warranty"] == {"months": 12, "starts_on": "2026-12-05", "ends_on": "2027-12-05"}
    assert line["services"] == [
        {
            "code": "care_plan",
            "name": {"en": "Care plan: yearly oil and check-up", "zh-hans": "年度养护计划"},
            "amount": "150.00",
            "per_unit": True,
            "fulfilment": "platform",
        }
    ]


def test_soft_goods_get_no_warranty_and_no_care_email(quiet_broker):
    PlantFactory(code="sz-engrave", city="Shenzhen")
    order = place(fill_cart(demo_product("TUMBLER-ENGRAVED")))

    delivered(order)

    assert not Warranty.objects.filter(order_line__order=order).exists()
    assert warranty_care_reminders_send(today=DELIVERED_ON + timedelta(days=400)) == 0


def test_one_care_email_half_a_year_after_delivery_in_the_customers_language(
    table, quiet_broker, django_capture_on_commit_callbacks
):
    order = buy(table, language="zh-hans", **OAK_TABLE)
    delivered(order)
    emails_sent().clear()

    with django_capture_on_commit_callbacks(execute=True):
        early = warranty_care_reminders_send(today=DELIVERED_ON + timedelta(days=179))
    with django_capture_on_commit_callbacks(execute=True):
        due = warranty_care_reminders_send(today=DELIVERED_ON + timedelta(days=180))
    with django_capture_on_commit_callbacks(execute=True):
        again = warranty_care_reminders_send(today=DELIVERED_ON + timedelta(days=181))

    assert (early, due, again) == (0, 1, 0)
    [email] = emails_sent()
    assert email.to == ["li.wei@example.com"]
    assert "定制尺寸实木餐桌" in email.subject
    assert "保修期至 2027年12月5日" in email.body


def test_yearly_care_emails_within_a_36_month_warranty_each_sent_once(
    table, quiet_broker, django_capture_on_commit_callbacks
):
    from freezegun import freeze_time

    from orders.models import CareReminder
    from orders.services.warranties import months_after

    # Given a table with 12 months of its own and 24 bought, delivered on 2026-12-05,
    # to a customer shopping in Chinese
    order = buy(table, language="zh-hans", services=["extended_warranty"], **OAK_TABLE)
    delivered(order)
    warranty = Warranty.objects.get(order_line__order=order)
    assert warranty.ends_on == date(2029, 12, 5)
    emails_sent().clear()

    def run_until(last: date) -> None:
        """The hourly beat task, here every third day, from delivery to ``last``."""
        day = DELIVERED_ON
        with freeze_time(day) as clock:
            while day <= last:
                clock.move_to(datetime.combine(day, datetime.min.time()) + timedelta(hours=12))
                with django_capture_on_commit_callbacks(execute=True):
                    warranty_care_reminders_send()
                day += timedelta(days=3)

    # When the task runs every day for the warranty's three years and a month more
    run_until(date(2030, 1, 5))

    # Then three emails: half a year, one year, two years; none on the day it ends (36)
    # and none after it
    reminders = CareReminder.objects.filter(warranty=warranty)
    # never early, and at the first run on or after the day it was due
    assert all(0 <= (r.sent_at.date() - r.due_on).days < 3 for r in reminders)
    sent = list(reminders.values_list("months", "due_on"))
    assert sent == [
        (6, DELIVERED_ON + timedelta(days=180)),
        (12, months_after(DELIVERED_ON, 12)),
        (24, months_after(DELIVERED_ON, 24)),
    ]
    assert len(emails_sent()) == 3
    assert all(email.to == ["li.wei@example.com"] for email in emails_sent())
    assert "半年" in emails_sent()[0].body
    assert "1 年" in emails_sent()[1].body and "2 年" in emails_sent()[2].body
    assert all("保修期至 2029年12月5日" in email.body for email in emails_sent())

    # And running the task again, on any later day, sends nothing more
    for later in (date(2028, 12, 5), date(2030, 6, 1)):
        with freeze_time(later), django_capture_on_commit_callbacks(execute=True):
            assert warranty_care_reminders_send() == 0
    assert len(emails_sent()) == 3


def test_a_late_run_sends_the_latest_reminder_only(
    table, quiet_broker, django_capture_on_commit_callbacks
):
    order = buy(table, services=["extended_warranty"], **OAK_TABLE)
    delivered(order)
    emails_sent().clear()
    # The task was down for 25 months: one email (the two-year one), not a backlog
    with django_capture_on_commit_callbacks(execute=True):
        sent = warranty_care_reminders_send(today=date(2029, 1, 10))
    assert sent == 1 and len(emails_sent()) == 1
    assert "2 years" in emails_sent()[0].body
    with django_capture_on_commit_callbacks(execute=True):
        assert warranty_care_reminders_send(today=date(2029, 1, 11)) == 0
