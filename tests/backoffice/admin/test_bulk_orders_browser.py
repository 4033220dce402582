"""Headless Chromium: an operator uploads a bulk order file for a business account and
reads the per-row report, in English and Chinese at desktop and phone width; screenshots
land in var/screenshots/bulk-orders-*.png."""

from __future__ import annotations

import pytest

from merchants.models import MerchantOrder
from merchants.services.accounts import business_account_create
from tests.backoffice.admin.test_settlement_browser import _tab
from tests.browser import SCREENS, SCREENSHOTS, document_width, sticking_out
from tests.factories import PlantFactory, demo_product
from tests.merchants.test_bulk_orders import csv_file, row

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {"en": ("Upload bulk orders", "Row"), "zh-hans": ("上传批量订单", "行")}


@pytest.mark.parametrize("screen", SCREENS)
@pytest.mark.parametrize("language", WORDS)
def test_an_operator_uploads_a_file_and_reads_the_report(
    browser, live_server, operator, tmp_path, language, screen
):
    title, row_header = WORDS[language]
    PlantFactory(code="sz-engrave", city="Shenzhen")
    demo_product("TUMBLER-ENGRAVED")
    account = business_account_create(name="Acme", contact_email="acme@example.com")
    upload = tmp_path / "orders.csv"
    upload.write_bytes(
        csv_file([row("WEB-1"), row("WEB-2", sku="NOPE"), row("WEB-3", quantity="x")])
    )

    tab = _tab(browser, live_server, "olga", language, screen)
    tab.goto(f"{live_server.url}/admin/merchants/bulkorderupload/add/?account={account.pk}")
    assert title in tab.inner_text("#content")
    width = SCREENS[screen]["width"]
    assert document_width(tab) <= width + 1, sticking_out(tab, width)
    tab.screenshot(
        path=str(SCREENSHOTS / f"bulk-orders-form-{language}-{screen}.png"), full_page=True
    )
    tab.set_input_files("#id_file", str(upload))
    tab.select_option("#id_mode", "valid_rows_only")
    tab.click("input[type=submit]")
    tab.wait_for_selector("#bulk-report")
    tab.screenshot(
        path=str(SCREENSHOTS / f"bulk-orders-report-{language}-{screen}.png"), full_page=True
    )

    assert tab.locator("#bulk-report tbody tr").count() == 2
    assert row_header.lower() in tab.inner_text("#bulk-report thead").lower()
    assert list(MerchantOrder.objects.values_list("reference", flat=True)) == ["WEB-1"]
    assert document_width(tab) <= SCREENS[screen]["width"] + 1
