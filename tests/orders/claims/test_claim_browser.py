"""Done when (issue 21): in headless Chromium a shopper files a claim with a photo on the
order page, an operator approves a reprint in the admin, the reprint goes to another plant
and is shipped through the factory API, and the first plant's quality score falls.
Screenshots of the order page with the claim form and with the claim's timeline, EN and
ZH, desktop and phone, land in var/screenshots/."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from orders.models import Claim
from production.models import WorkOrder
from production.services.api_keys import api_key_create
from production.services.factory_quality import factory_quality_refresh
from production.services.routing import work_orders_route
from tests.browser import SCREENS, SCREENSHOTS, document_width, sticking_out
from tests.imaging import fixtures as fx
from tests.orders.claims.conftest import production_hears

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(browser, url: str, name: str) -> None:
    for language, tag in (("en", "en"), ("zh-CN", "zh")):
        for screen, size in SCREENS.items():
            tab = browser.new_page(viewport=size, locale=language)
            tab.goto(url)
            tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            tab.locator("#claims").scroll_into_view_if_needed()
            assert document_width(tab) <= size["width"], sticking_out(tab, size["width"])
            tab.screenshot(path=str(SCREENSHOTS / f"{name}-{tag}-{screen}.png"), full_page=True)
            tab.close()


def factory_api(key: str, work_order_id: int, path: str, body: dict | None = None):
    response = Client().post(
        f"/api/factory/v1/work-orders/{work_order_id}/{path}/",
        body or {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Api-Key {key}",
    )
    assert response.status_code == 200, response.content
    return response


def test_a_claim_becomes_a_reprint_at_another_plant_and_costs_the_first_its_score(
    browser, live_server, delivered, second_plant, django_user_model, tmp_path
):
    order, first_plant = delivered.order, delivered.plant
    score_before = factory_quality_refresh(factory_id=first_plant.pk)
    url = f"{live_server.url}{order.get_absolute_url()}?token={order.tracking_token}"
    shoot(browser, url, "claim-form")

    # The shopper files a claim with a photo on the order page.
    picture = tmp_path / "misprint.jpg"
    picture.write_bytes(fx.encode(fx.photo((900, 700), "RGB"), "JPEG"))
    tab = browser.new_page(viewport=SCREENS["desktop"])
    tab.goto(url)
    tab.select_option("#claim-form select[name=reason]", "misprint")
    tab.fill("#claim-form input[name=quantity]", "2")
    tab.fill("#claim-form textarea[name=description]", "The engraving is cut off on the left side.")
    tab.set_input_files("#claim-form input[name=photos]", str(picture))
    tab.click("#claim-submit")
    tab.wait_for_selector(".claim")
    claim = Claim.objects.get()
    assert claim.number in tab.inner_text(".messages, body")
    assert claim.photos.count() == 1 and claim.quantity == 2
    assert "1 photo sent" in tab.inner_text(".claim")
    production_hears()  # what the relay hands production's consumer

    # An operator approves a reprint, the plant at fault, in the admin.
    operator = django_user_model.objects.create_user(
        "olga", "olga@c2m.example", "pw-123456", is_staff=True
    )
    operator.groups.add(Group.objects.get_or_create(name="Operators")[0])
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("#id_username", "olga")
    tab.fill("#id_password", "pw-123456")
    tab.click("input[type=submit]")
    tab.wait_for_selector("#content")
    tab.goto(f"{live_server.url}/admin/orders/claim/{claim.pk}/change/")
    tab.select_option("#id_decision", "reprint")
    tab.check("#id_at_fault")
    tab.fill("#id_message", "Sorry about that: we are making them again.")
    tab.screenshot(path=str(SCREENSHOTS / "claim-admin-triage.png"), full_page=True)
    tab.click("input[name=_save]")
    tab.wait_for_selector(".messagelist")
    assert "Reprint approved" in tab.inner_text(".messagelist")
    tab.close()

    # Production makes the reprint and routes it away from the plant at fault.
    [reprint_id] = production_hears()
    work_orders_route(work_order_ids=[reprint_id])
    reprint = WorkOrder.objects.get(pk=reprint_id)
    assert reprint.factory == second_plant != first_plant

    # The second plant ships it through the factory API.
    key = api_key_create(factory=second_plant, name="erp")[1]
    factory_api(key, reprint_id, "accept")
    for event in ({"type": "started"}, {"type": "qc_passed"}):
        factory_api(key, reprint_id, "events", event)
    factory_api(
        key,
        reprint_id,
        "events",
        {"type": "shipped", "carrier": "SF Express", "tracking_number": "SF777000111"},
    )
    claim.refresh_from_db()
    assert claim.status == "resolved"

    # The customer's page shows the reprint's way; the first plant's score fell.
    check = browser.new_page(viewport=SCREENS["desktop"], locale="en")
    check.goto(url)
    timeline = check.inner_text(".claim-timeline")
    check.close()
    for step in ("Reprint approved", "Reprint sent to a plant", "Reprint shipped"):
        assert step in timeline, timeline
    assert "SF777000111" in timeline
    shoot(browser, url, "claim-timeline")
    score_after = factory_quality_refresh(factory_id=first_plant.pk)
    assert score_after < score_before
    first_plant.refresh_from_db()
    assert first_plant.quality_details["customer_defects"] == 1
