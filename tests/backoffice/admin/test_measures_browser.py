"""The measures on the dashboard, as an operator reads them: a chart per measure (no script,
no other host), this period against the previous, what needs attention; EN and ZH, desktop
and phone. Screenshots in var/screenshots/measures-*.png."""

from __future__ import annotations

import pytest

from tests.backoffice.admin.test_admin_browser import demo_history, log_in  # noqa: F401
from tests.browser import SCREENS, SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "zh-CN"])
def test_measures_read_in_both_languages_on_desktop_and_phone(
    browser,
    live_server,
    operator,
    demo_history,  # noqa: F811
    language,
):
    requests: list[str] = []
    for name, size in SCREENS.items():
        tab = browser.new_page(viewport=size, locale=language)
        tab.on("request", lambda r: requests.append(r.url))
        log_in(tab, live_server, "olga")
        tab.goto(f"{live_server.url}/admin/c2m/dashboard/")
        tab.wait_for_selector("#measures")
        tab.locator("#measures").screenshot(
            path=str(SCREENSHOTS / f"measures-{language}-{name}.png")
        )
        tab.locator("#needs-attention").screenshot(
            path=str(SCREENSHOTS / f"attention-{language}-{name}.png")
        )
        charts = tab.locator("#measures figure svg")
        # one per measure: repurchase, on time, capacity, collaboration, carbon, claims,
        # service revenue
        assert charts.count() == 7
        assert "Customer-reported defects" in tab.inner_text("#chart-claim_rate") or (
            "客户反馈的瑕疵" in tab.inner_text("#chart-claim_rate")
        )
        assert tab.locator("#measures script, #measures img").count() == 0
        # Nothing wider than the screen: the charts shrink to a phone's width.
        assert tab.locator("#chart-capacity_use svg").bounding_box()["width"] <= size["width"]
        text = tab.locator("#measures").inner_text()
        if language == "en":
            assert "Repurchase rate" in text and "Carbon per order" in text
            assert "kg CO2e per order" in tab.locator("#chart-carbon").inner_html()
        else:
            assert "复购率" in text and "每笔订单碳排放" in text
        tab.close()
    # Charts are inline SVG drawn by the server: nothing is fetched from another host.
    assert not [u for u in requests if not u.startswith(live_server.url)]
