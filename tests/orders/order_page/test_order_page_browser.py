"""The order page of a split order in Chromium, in English and Chinese, on a desktop and
a phone: item and part statuses, parcels with carrier links, the grouped timeline, and
nothing wider than the screen."""

from __future__ import annotations

import pytest

from tests.browser import SCREENS, SCREENSHOTS, screenshot
from tests.orders.order_page.conftest import report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {"partly": "Partly shipped", "way": "On its way", "zone": "China time, UTC+8"},
    "zh-hans": {"partly": "部分发货", "way": "运输中", "zone": "北京时间，UTC+8"},
}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", WORDS)
def test_the_order_page_of_a_split_order_reads_well_on_any_screen(
    live_server, browser, made_order, language, screen
):
    # Given a split line half shipped and a second line shipped in its own parcel
    report(
        made_order.part_one,
        "qc_passed",
        "shipped",
        carrier="SF Express",
        tracking_number="SF7000123456789",
        packages=[{"weight_kg": 0.6}],
    )
    report(
        made_order.second_line,
        "qc_passed",
        "shipped",
        carrier="EMS",
        tracking_number="EE123456789CN",
        packages=[{"weight_kg": 0.9}],
    )
    order, words = made_order.order, WORDS[language]
    tab = browser.new_page(
        viewport=SCREENS[screen], extra_http_headers={"Accept-Language": language}
    )

    tab.goto(f"{live_server.url}{order.get_absolute_url()}?token={order.tracking_token}")

    # Then each item says where it stands, the split one part by part
    assert tab.inner_text("[data-line='1'] .item-head [data-item-status]") == words["partly"]
    assert tab.inner_text("[data-line='2'] .item-head [data-item-status]") == words["way"]
    assert tab.locator("[data-line='1'] [data-part-status]").count() == 2
    # The tracking numbers link to the carriers, and weights are words, not data
    link = tab.locator(".order-parcels a.tracking-number", has_text="SF7000123456789")
    assert "sf-express.com" in link.get_attribute("href")
    parcels = tab.inner_text(".order-parcels")
    assert "0.6" in parcels and "weight_kg" not in tab.content()
    assert words["zone"] in tab.inner_text(".order-timeline")
    assert tab.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    screenshot(tab, str(SCREENSHOTS / f"order-page-{language}-{screen}.png"))

    # And a guest without the link finds the order form in the same language
    tab.goto(f"{live_server.url}/orders/find/")
    assert tab.evaluate("document.documentElement.scrollWidth") <= SCREENS[screen]["width"]
    screenshot(tab, str(SCREENSHOTS / f"order-find-{language}-{screen}.png"))
    tab.close()
