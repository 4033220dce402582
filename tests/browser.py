"""Headless Chromium for the browser tests: Debian's ``chromium`` driven by Playwright.

``browser`` is one Chromium per test; ``page`` a 1280 × 900 tab in it. Screenshots go to
``var/screenshots/`` for people to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections

SCREENSHOTS = Path(__file__).resolve().parent.parent / "var" / "screenshots"
# The sizes every shopper page is looked at in: a desktop and a phone (an iPhone 12-16).
SCREENS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser(monkeypatch) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls
    # stay synchronous and safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield chromium
        # ORM connections opened inside Playwright's context are closed there, or they
        # outlive the test and block dropping the test database.
        connections.close_all()
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    tab.set_default_timeout(15_000)
    yield tab
    tab.close()


def document_width(tab) -> int:
    """How wide the page lays itself out: more than the viewport scrolls sideways."""
    return tab.evaluate("document.documentElement.scrollWidth")


def sticking_out(tab, width: int) -> list[str]:
    """The innermost elements reaching past ``width`` (tag.class), to say what to fix."""
    return tab.evaluate(
        """(width) => [...document.querySelectorAll("body *")]
            .filter((e) => e.getBoundingClientRect().right > width + 0.5)
            .filter((e) => ![...e.children].some(
                (c) => c.getBoundingClientRect().right > width + 0.5))
            .map((e) => e.tagName.toLowerCase() + "." + [...e.classList].join("."))""",
        width,
    )


def screenshot(tab, path: Path | str) -> None:
    """The whole page as a person scrolling it sees it: lazy pictures below the fold are
    scrolled into view and loaded first, so the picture shows them, not empty frames."""
    tab.evaluate(
        """async () => {
            const images = [...document.images];
            for (const image of images) image.scrollIntoView({block: "center"});
            window.scrollTo(0, 0);
            await Promise.all(images.filter((image) => !image.complete).map(
                (image) => new Promise((done) => {
                    image.addEventListener("load", done, {once: true});
                    image.addEventListener("error", done, {once: true});
                })));
        }"""
    )
    tab.screenshot(path=str(path), full_page=True)
