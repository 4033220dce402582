"""Factory staff see the work order's generated files in the admin and download them
(headless Chromium); screenshot in var/screenshots/files-admin-work-order.png."""

from __future__ import annotations

import pytest

from orders.models import OutboxMessage
from production.models import WorkOrder
from production.services.planning import orders_plan
from production.services.production_files import work_order_files_generate
from production.services.work_orders import work_order_transition
from tests.backoffice.admin.test_admin_browser import log_in
from tests.browser import SCREENSHOTS
from tests.factories import demo_product, place_order

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_work_order_page_lists_and_downloads_its_files(page, live_server, staff_a, plant_a):
    engraving = {"text": "Li Wei 李伟", "font": "kai"}
    order = place_order(demo_product(), {"finish": "brushed", "engraving": engraving})
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
    [work_order_id] = orders_plan(message_ids=[message.pk])
    work_order = work_order_transition(
        work_order_id=work_order_id,
        event="offered",
        actor="system:router",
        changes={"factory": plant_a},
    )
    assert isinstance(work_order, WorkOrder)
    log_in(page, live_server, "alice")
    url = f"{live_server.url}/admin/production/workorder/{work_order.pk}/change/"
    page.goto(url)
    assert "Being prepared" in page.locator("#content").inner_text()

    work_order_files_generate(work_order_id=work_order.pk)
    page.goto(url)
    files = page.locator("table.c2m-files")
    files.scroll_into_view_if_needed()
    page.screenshot(path=str(SCREENSHOTS / "files-admin-work-order.png"), full_page=True)

    names = files.locator("tbody a").all_inner_texts()
    assert {"job-ticket.pdf", "engraving.png", "engraving.svg", "engraving.dxf"} <= set(names)
    with page.expect_download() as download:
        files.get_by_role("link", name="job-ticket.pdf").click()
    path = download.value.path()
    assert path.read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == "job-ticket.pdf"
