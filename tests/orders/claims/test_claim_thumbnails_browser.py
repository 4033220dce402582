"""In headless Chromium the order page shows a claim's photos as thumbnails (loaded
through their signed links), EN and ZH, desktop and phone; the claim section's pictures
land in var/screenshots/."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from demo.aftersales import sample_claim_photo
from orders.services.claims import claim_file
from tests.browser import SCREENS, SCREENSHOTS, document_width, sticking_out
from tests.orders.claims.conftest import delivered_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_claim_section_shows_the_photos_as_thumbnails(
    browser, live_server, tumbler, quiet_broker, mei
):
    order = delivered_order(tumbler, customer_id=mei.pk).order
    claim_file(
        order_id=order.pk,
        line_id=order.lines.get().pk,
        reason="damaged",
        quantity=1,
        description="One tumbler arrived with a dent in the lid.",
        photos=[sample_claim_photo(1, 0), sample_claim_photo(1, 1), sample_claim_photo(2, 0)],
        actor=f"customer:{mei.pk}",
    )
    # Mei is signed in: her links are signed for her session.
    signed_in = Client()
    signed_in.force_login(mei)
    session = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    for language, tag in (("en", "en"), ("zh-CN", "zh")):
        for screen, size in SCREENS.items():
            context = browser.new_context(viewport=size, locale=language)
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
            )
            tab = context.new_page()
            tab.goto(f"{live_server.url}{order.get_absolute_url()}")
            section = tab.locator("#claims")
            section.scroll_into_view_if_needed()
            for image in tab.locator(".claim-thumbnails img").all():
                image.scroll_into_view_if_needed()
            # Loaded through their signed links, each 240 px wide (the photos are 800 × 600).
            widths: list[int] = []
            for _ in range(50):
                widths = tab.eval_on_selector_all(
                    ".claim-thumbnails img", "(all) => all.map((i) => i.naturalWidth)"
                )
                if widths == [240, 240, 240]:
                    break
                tab.wait_for_timeout(100)
            assert widths == [240, 240, 240]
            assert document_width(tab) <= size["width"], sticking_out(tab, size["width"])
            words = section.inner_text()
            assert ("3 photos sent" if tag == "en" else "已发送 3 张照片") in words, words
            section.screenshot(path=str(SCREENSHOTS / f"claim-thumbnails-{tag}-{screen}.png"))
            context.close()
