"""Headless Chromium: an operator answers a plant's capacity booking in the admin, asked
for a reason on a page of its own, in English and Chinese, at desktop and phone width;
screenshots land in var/screenshots/."""

from __future__ import annotations

import pytest

from production.models import CapacityBooking
from production.services.network import factory_work_centres_set
from tests.backoffice.admin.test_exchange_admin import booked
from tests.backoffice.admin.test_settlement_browser import _tab
from tests.browser import SCREENS, SCREENSHOTS, document_width
from tests.production.exchange.conftest import CENTRE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": ("Confirm for the plant", "Why you answer for the plant"),
    "zh-hans": ("代工厂确认", "您代工厂答复的原因"),
}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", WORDS)
def test_an_operator_confirms_a_plants_booking_giving_a_reason(
    browser, live_server, operator, plant_b, language, screen
):
    title, help_text = WORDS[language]
    factory_work_centres_set(factory=plant_b, centres={CENTRE: {"default_minutes_per_day": 480}})
    booking = booked(plant_b)

    tab = _tab(browser, live_server, "olga", language, screen)
    tab.goto(f"{live_server.url}/admin/production/capacitybooking/")
    tab.screenshot(
        path=str(SCREENSHOTS / f"exchange-bookings-{language}-{screen}.png"), full_page=True
    )
    tab.check(f"input[name=_selected_action][value='{booking.pk}']")
    tab.select_option("select[name=action]", "confirm")
    tab.click("button[name=index]")
    tab.wait_for_selector("textarea[name=reason]")
    page = tab.content()
    assert title in page and help_text in page
    tab.screenshot(
        path=str(SCREENSHOTS / f"exchange-operator-reason-{language}-{screen}.png"),
        full_page=True,
    )
    assert document_width(tab) <= SCREENS[screen]["width"]
    tab.fill("textarea[name=reason]", "Plant B confirmed by phone")
    tab.click("input[type=submit]")
    tab.wait_for_selector("#changelist")

    booking = CapacityBooking.objects.get(pk=booking.pk)
    assert booking.status == "confirmed"
    assert booking.events.last().actor == "admin:olga"
