"""Paid services as a shopper meets them: ticked on the product page, priced in the
breakdown, paid at checkout, listed on the order page; the platform's ones become
operators' tasks once the order is paid."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from orders.models import ServiceTask, ServiceTaskStatus
from orders.services.lifecycle import order_cancel
from orders.services.service_tasks import service_tasks_create

from .conftest import OAK_TABLE, buy

pytestmark = pytest.mark.django_db


def order_page(order, language: str = "en") -> str:
    client = Client(headers={"accept-language": language})
    response = client.get(order.get_absolute_url(), {"token": order.tracking_token})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("en", ["Services", "Assembled at the workshop", "+¥180.00", "Care plan", "+¥150.00"]),
        ("zh-hans", ["增值服务", "工厂预组装", "+¥180.00", "年度养护计划", "延长保修24个月"]),
    ],
)
def test_the_product_page_offers_the_services_with_their_prices(client, table, language, texts):
    page = client.get(table.get_absolute_url(), headers={"accept-language": language})

    assert page.status_code == 200
    html = page.content.decode()
    for text in texts:
        assert text in html


def test_the_live_price_adds_the_ticked_services(client, table):
    query = {"width": "120", "depth": "80", "wood": "oak", "services": "assembly", "quantity": 1}

    html = client.get(table.get_absolute_url(), query).content.decode()

    # ¥2,528 a table + ¥180 assembly; ¥200 delivery once: ¥2,908
    assert 'data-line="service_assembly"' in html
    assert "¥2,908.00" in html


def test_services_are_paid_for_at_checkout_and_shown_on_the_order(table):
    order = buy(table, **OAK_TABLE, services=["assembly", "design_help", "extended_warranty"])

    [line] = order.lines.all()
    services = {e["code"]: e for e in line.price_breakdown if e["kind"] == "service"}
    assert set(services) == {
        "service_assembly",
        "service_design_help",
        "service_extended_warranty",
    }
    assert services["service_assembly"]["service"]["fulfilment"] == "plant"
    assert services["service_design_help"]["service"]["fulfilment"] == "platform"
    # 2528 + 180 + 260 a table, + 200 delivery + 88 design help once
    assert line.line_total == Decimal("3256.00")
    assert order.total == line.line_total + order.shipping_total
    assert line.warranty_months == 36

    english, chinese = order_page(order), order_page(order, "zh-hans")
    assert "Assembled at the workshop · ¥180.00" in english
    assert "Design help from our studio · ¥88.00" in english
    assert "36-month warranty from delivery" in english
    assert "工厂预组装 · ¥180.00" in chinese
    assert "送达后保修36个月" in chinese


def test_paying_creates_one_operator_task_per_platform_service(table):
    order = buy(table, **OAK_TABLE, services=["assembly", "design_help", "care_plan"])

    tasks = ServiceTask.objects.filter(order=order)
    # Assembly is the plant's (a step of its work order), not an operator's task.
    assert sorted(t.service for t in tasks) == ["care_plan", "design_help"]
    assert {t.status for t in tasks} == {ServiceTaskStatus.OPEN}
    assert tasks.get(service="care_plan").label["zh-hans"] == "年度养护计划"

    assert service_tasks_create(order_id=order.pk) == []  # replayed: nothing new
    assert ServiceTask.objects.filter(order=order).count() == 2


def test_an_order_without_platform_services_gives_operators_nothing_to_do(table):
    order = buy(table, **OAK_TABLE, services=["assembly"])

    assert not ServiceTask.objects.filter(order=order).exists()


def test_cancelling_the_order_cancels_its_service_tasks(table):
    order = buy(table, **OAK_TABLE, services=["design_help"])

    order_cancel(order_id=order.pk, actor="customer:guest")

    task = ServiceTask.objects.get(order=order)
    assert task.status == ServiceTaskStatus.CANCELLED
    assert task.events.last().actor == "customer:guest"
