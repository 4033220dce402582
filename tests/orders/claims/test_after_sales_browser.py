"""Issue 21, items 4 and 5, in headless Chromium: on a delivered table's order page the
shopper asks for a maintenance visit under warranty and to return one table; once the
operators approve both, the page shows the visit's progress and the return label, which
prints from its own page. Screenshots of the order page's after-sales section (forms, then
timeline) and of the label, EN and ZH, desktop and phone, land in var/screenshots/."""

from __future__ import annotations

import pytest

from orders.models import Claim, ClaimKind
from orders.services.claim_services import claim_approve_repair, claim_approve_return
from production.models import WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.routing import work_orders_route
from tests.browser import SCREENS, SCREENSHOTS, document_width, sticking_out
from tests.factories import PlantFactory, demo_product
from tests.orders.claims.conftest import production_hears
from tests.orders.services.conftest import OAK_TABLE, TABLE_CAPABILITIES, buy
from tests.orders.services.test_warranty import delivered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shoot(browser, url: str, name: str, anchor: str = "#claims") -> None:
    for language, tag in (("en", "en"), ("zh-CN", "zh")):
        for screen, size in SCREENS.items():
            tab = browser.new_page(viewport=size, locale=language)
            tab.goto(url)
            tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            tab.locator(anchor).scroll_into_view_if_needed()
            assert document_width(tab) <= size["width"], sticking_out(tab, size["width"])
            tab.locator(anchor).screenshot(path=str(SCREENSHOTS / f"{name}-{tag}-{screen}.png"))
            tab.close()


def test_a_shopper_asks_for_a_visit_and_a_return_and_prints_the_label(browser, live_server):
    maker = PlantFactory(
        code="fs-wood", city="Foshan", capabilities=(*TABLE_CAPABILITIES, "repair")
    )
    order = buy(demo_product("TABLE-SOLID"), quantity=2, **OAK_TABLE)
    delivered(order)
    url = f"{live_server.url}{order.get_absolute_url()}?token={order.tracking_token}"
    shoot(browser, url, "after-sales-forms")

    tab = browser.new_page(viewport=SCREENS["desktop"])
    tab.goto(url)
    tab.click(".claim-repair > summary")
    tab.select_option("#repair-form select[name=reason]", "maintenance")
    tab.fill("#repair-form textarea[name=description]", "Yearly oiling of the top, please.")
    tab.click("#repair-form button[type=submit]")
    tab.wait_for_selector("[data-claim-kind=repair]")
    tab.click(".claim-return > summary")
    tab.select_option("#return-form select[name=reason]", "does_not_fit")
    tab.fill("#return-form textarea[name=description]", "One table is too big for the hall.")
    tab.click("#return-form button[type=submit]")
    tab.wait_for_selector("[data-claim-kind=return]")
    repair = Claim.objects.get(kind=ClaimKind.REPAIR)
    back = Claim.objects.get(kind=ClaimKind.RETURN)
    assert (repair.reason, back.reason, back.quantity) == ("maintenance", "does_not_fit", 1)

    # The operators approve both; production routes the visit to the table's maker.
    claim_approve_repair(claim_id=repair.pk, actor="admin:olga")
    claim_approve_return(claim_id=back.pk, actor="admin:olga")
    [visit_id] = production_hears()
    work_orders_route(work_order_ids=[visit_id])
    assert WorkOrder.objects.get(pk=visit_id).factory == maker
    work_order_accept(factory=maker, work_order_id=visit_id, actor="factory:fs-wood")
    work_order_report(
        factory=maker, work_order_id=visit_id, actor="plant", event="started", data={}
    )

    tab.goto(url)
    back.refresh_from_db()
    assert f"Return label: SF Express {back.return_reference}" in tab.inner_text("#claims")
    assert "Service crew at work" in tab.inner_text("[data-claim-kind=repair]")
    shoot(browser, url, "after-sales-timeline")
    tab.click(".return-label-link")
    assert back.return_reference in tab.inner_text("#return-label")
    label_url = tab.url
    tab.close()
    shoot(browser, label_url, "return-label", anchor="#return-label")
