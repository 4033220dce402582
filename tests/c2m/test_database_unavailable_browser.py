"""The page a shopper sees while the database is unreachable, in Chromium, in English and
Chinese, on a desktop and a phone: a 503 that says to try again, nothing wider than the
screen."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from tests.browser import SCREENS, SCREENSHOTS, document_width, sticking_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {"en": "We are back in a moment.", "zh-hans": "我们马上回来。"}


def _database_gone(*args, **kwargs):
    raise OperationalError("server closed the connection unexpectedly")


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", WORDS)
def test_the_database_unavailable_page_reads_well_on_any_screen(
    live_server, browser, monkeypatch, language, screen
):
    monkeypatch.setattr("orders.pages.catalog.render", _database_gone)
    tab = browser.new_page(
        viewport=SCREENS[screen], extra_http_headers={"Accept-Language": language}
    )

    response = tab.goto(f"{live_server.url}/")

    assert response.status == 503
    assert response.headers["retry-after"] == "2"
    assert tab.inner_text("h1") == WORDS[language]
    width = SCREENS[screen]["width"]
    assert document_width(tab) <= width, sticking_out(tab, width)
    tab.screenshot(
        path=str(SCREENSHOTS / f"database-unavailable-{language}-{screen}.png"), full_page=True
    )
    tab.close()
