"""Headless Chromium: factory staff see only their rows; screenshots of the list and of the
dashboard (hand-checked history; demo plants with two months of synthetic history: platform,
one plant, a plant's staff) land in var/screenshots/ for people to look at."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from demo.history import history_seed
from demo.plants import DEMO_FACTORIES
from production.models import WorkOrder
from production.services.factories import factory_upsert
from production.services.factory_actions import work_order_accept
from production.services.staff import factory_membership_set
from tests.backoffice.admin.conftest import offered_work_order
from tests.backoffice.admin.test_dashboard import history  # noqa: F401 - fixture
from tests.browser import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "pw-123456")
    page.click("input[type=submit]")
    page.wait_for_selector("#content")


def test_factory_staff_see_only_their_work_orders(page, live_server, staff_a, plant_a, plant_b):
    own = [offered_work_order(plant_a) for _ in range(4)]
    other = [offered_work_order(plant_b, email="x@example.com") for _ in range(2)]
    work_order_accept(factory=plant_a, work_order_id=own[1].pk, actor="t")
    WorkOrder.objects.filter(pk=own[0].pk).update(due_date=timezone.localdate() - timedelta(2))
    WorkOrder.objects.filter(pk=own[2].pk).update(due_date=timezone.localdate() + timedelta(1))

    log_in(page, live_server, "alice")
    page.goto(f"{live_server.url}/admin/production/workorder/")
    page.wait_for_selector("#result_list")
    page.screenshot(path=str(SCREENSHOTS / "work-order-list.png"), full_page=True)

    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 4
    text = page.locator("#result_list").inner_text()
    assert all(wo.number in text for wo in own)
    assert not any(wo.number in text for wo in other)
    assert page.locator(".c2m-overdue").count() == 1


def test_dashboard_screenshot(page, live_server, operator, history):  # noqa: F811
    log_in(page, live_server, "olga")
    page.goto(f"{live_server.url}/admin/c2m/dashboard/?start=2026-03-01&end=2026-03-10")
    page.wait_for_selector("#per-factory")
    page.screenshot(path=str(SCREENSHOTS / "dashboard.png"), full_page=True)

    assert page.locator("svg polyline").count() == 2
    assert page.locator("#per-factory tbody tr").count() == 2


@pytest.fixture
def demo_history(db):
    """The six demo plants with two months of synthetic history (about 40 orders a day)."""
    plants = [factory_upsert(**plant) for plant in DEMO_FACTORIES]
    history_seed(factories=plants, orders=2400, days=60)
    return {plant.code: plant for plant in plants}


def test_dashboard_screenshots_on_demo_history(page, live_server, operator, demo_history):
    log_in(page, live_server, "olga")

    page.goto(f"{live_server.url}/admin/c2m/dashboard/")
    page.wait_for_selector("#per-factory")
    page.screenshot(path=str(SCREENSHOTS / "dashboard-platform-demo.png"), full_page=True)
    assert page.locator("#per-factory tbody tr").count() == len(DEMO_FACTORIES)
    assert page.locator(".c2m-chart svg").count() == 11  # four figures, seven measures

    page.select_option("#id_factory", value=str(demo_history["hz-multi"].pk))
    page.click("#period-form input[type=submit]")
    page.wait_for_selector("#per-factory")
    page.screenshot(path=str(SCREENSHOTS / "dashboard-factory-demo.png"), full_page=True)
    assert "Hangzhou Shared Manufacturing Hub" in page.locator("#dashboard-scope").inner_text()
    assert page.locator("#per-factory tbody tr").count() == 1
    assert page.locator(".c2m-chart svg").count() == 9  # two figures, seven measures


def test_factory_staff_dashboard_screenshot(page, live_server, django_user_model, demo_history):
    user = django_user_model.objects.create_user("li.na", "li.na@sz.example", "pw-123456")
    factory_membership_set(user=user, factory=demo_history["sz-print"])

    log_in(page, live_server, "li.na")
    other = demo_history["yw-engrave"].pk
    assert page.goto(f"{live_server.url}/admin/c2m/dashboard/?factory={other}").status == 404
    page.goto(f"{live_server.url}/admin/c2m/dashboard/")
    page.wait_for_selector("#per-factory")
    page.screenshot(path=str(SCREENSHOTS / "dashboard-factory-staff-demo.png"), full_page=True)

    text = page.locator("#content").inner_text()
    assert "Shenzhen Bright Print Co." in text
    assert not any(p.name in text for code, p in demo_history.items() if code != "sz-print")
    assert page.locator("#id_factory").count() == 0


def run_action(page, live_server, number: str, label: str) -> None:
    """Tick one work order in the list and run the action called ``label``."""
    page.goto(f"{live_server.url}/admin/production/workorder/?q={number}")
    page.check("#result_list tbody input.action-select")
    page.select_option("select[name=action]", label=label)
    page.click("button[name=index]")


def test_factory_staff_accept_make_and_ship_from_the_list(page, live_server, staff_a, plant_a):
    work_order = offered_work_order(plant_a)
    log_in(page, live_server, "alice")

    run_action(page, live_server, work_order.number, "Accept")
    assert "accepted" in page.locator(".messagelist").inner_text().lower()
    run_action(page, live_server, work_order.number, "Start production")
    run_action(page, live_server, work_order.number, "QC passed")
    run_action(page, live_server, work_order.number, "Ship…")
    page.fill("#id_carrier", "SF Express")
    page.fill("#id_tracking_number", "SF1234567890")
    page.click("input[type=submit]")
    page.wait_for_selector(".messagelist")

    page.goto(f"{live_server.url}/admin/production/workorder/{work_order.pk}/change/")
    page.screenshot(path=str(SCREENSHOTS / "work-order-shipped-staff.png"), full_page=True)
    text = page.locator("#content").inner_text()
    assert "SF1234567890" in text
    work_order.refresh_from_db()
    assert work_order.status == "shipped"
