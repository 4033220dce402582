"""Headless Chromium: the statement, a work order's payout and an order's margin, in English
and Chinese, at desktop and phone width; screenshots land in var/screenshots/."""

from __future__ import annotations

from decimal import Decimal

import pytest

from production.services.settlement import ledger_adjust, ledger_charge_back
from tests.backoffice.admin.test_settlement_admin import routed_to, shipped
from tests.browser import SCREENS, SCREENSHOTS, document_width

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": ("closing balance", "payout", "platform margin"),
    "zh-hans": ("期末余额", "工厂报酬", "平台毛利"),
}


def _tab(browser, live_server, username: str, language: str, screen: str):
    context = browser.new_context(
        viewport=SCREENS[screen], extra_http_headers={"Accept-Language": language}
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", "pw-123456")
    tab.click("input[type=submit]")
    tab.wait_for_selector("#content")
    return tab


def _shot(tab, name: str, language: str, screen: str) -> None:
    tab.screenshot(
        path=str(SCREENSHOTS / f"settlement-{name}-{language}-{screen}.png"), full_page=True
    )


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", WORDS)
def test_statement_payout_and_margin_pages(
    browser, live_server, staff_a, operator, plant_a, plant_b, language, screen
):
    closing, payout, margin = WORDS[language]
    done = shipped(plant_a, routed_to(plant_a, [plant_b], quantity=2), "SF-1001")
    ledger_charge_back(
        work_order=done,
        amount=Decimal("12.00"),
        reason="reprint: scratched lid",
        claim_ref="CLM-0042",
    )
    ledger_adjust(factory=plant_a, amount=Decimal("3.50"), reason="cartons supplied", actor="olga")
    offer = routed_to(plant_a, [plant_b], quantity=4)

    staff = _tab(browser, live_server, "alice", language, screen)
    staff.goto(f"{live_server.url}/admin/production/settlemententry/statement/")
    staff.wait_for_selector("#statement-entries")
    _shot(staff, "statement-staff", language, screen)
    assert closing in staff.locator("#statement-figures").inner_text()
    assert staff.locator("#statement-entries tbody tr").count() == 3
    assert document_width(staff) <= SCREENS[screen]["width"]

    staff.goto(f"{live_server.url}/admin/production/workorder/{offer.pk}/change/")
    staff.wait_for_selector(".c2m-payout")
    _shot(staff, "work-order-payout", language, screen)
    assert payout in staff.locator("#content").inner_text().lower()
    assert f"{offer.payout_amount:,.2f}" in staff.locator(".c2m-payout").inner_text()

    desk = _tab(browser, live_server, "olga", language, screen)
    desk.goto(f"{live_server.url}/admin/production/settlemententry/statement/?factory={plant_a.pk}")
    desk.wait_for_selector("#adjustment-form")
    _shot(desk, "statement-operator", language, screen)
    desk.goto(f"{live_server.url}/admin/orders/order/?q={done.order_number}")
    desk.goto(f"{live_server.url}/admin/orders/order/{done.order_id}/change/")
    desk.wait_for_selector("#order-margin")
    _shot(desk, "order-margin", language, screen)
    assert margin in desk.locator("#content").inner_text().lower()
