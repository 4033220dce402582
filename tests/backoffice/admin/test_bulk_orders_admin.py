"""Operators upload a bulk order file for a business account in the admin: the orders are
made by the same service as the merchant API's, the report is shown per row and can be
downloaded as CSV that no spreadsheet runs as formulas; plain staff cannot."""

from __future__ import annotations

import io

import pytest

from merchants.models import BulkOrderUpload, MerchantOrder
from merchants.services.accounts import business_account_create
from tests.factories import PlantFactory, demo_product
from tests.merchants.test_bulk_orders import csv_file, row

pytestmark = pytest.mark.django_db


@pytest.fixture
def account():
    PlantFactory(code="sz-engrave", city="Shenzhen")
    demo_product("TUMBLER-ENGRAVED")
    return business_account_create(name="Acme", contact_email="acme@example.com")


def file(rows) -> io.BytesIO:
    data = io.BytesIO(csv_file(rows))
    data.name = "orders.csv"
    return data


def test_an_operator_uploads_a_file_for_an_account_and_reads_the_report(as_operator, account):
    form = as_operator.get(f"/admin/merchants/bulkorderupload/add/?account={account.pk}")
    evil = "=HYPERLINK(1)"
    response = as_operator.post(
        "/admin/merchants/bulkorderupload/add/",
        {
            "account": account.pk,
            "mode": "valid_rows_only",
            "file": file([row("OP-1"), row(evil, sku="NOPE")]),
        },
        follow=True,
    )

    assert form.status_code == 200 and b"option.&lt;code&gt;" in form.content
    assert response.status_code == 200
    page = response.content.decode()
    assert "OP-1" in page and "bulk-report" in page
    assert list(MerchantOrder.objects.values_list("reference", flat=True)) == ["OP-1"]
    upload = BulkOrderUpload.objects.get()
    assert upload.actor.startswith("staff:")
    report = as_operator.get(f"/admin/merchants/bulkorderupload/{upload.pk}/report.csv")
    text = report.content.decode("utf-8-sig")
    assert "'" + evil in text
    assert "\n=" not in text and ",=" not in text


def test_an_unreadable_file_is_shown_on_the_form_and_makes_nothing(as_operator, account):
    bad = io.BytesIO(b"hello")
    bad.name = "orders.pdf"
    response = as_operator.post(
        "/admin/merchants/bulkorderupload/add/",
        {"account": account.pk, "mode": "all_or_nothing", "file": bad},
    )

    assert response.status_code == 200
    assert "Upload a .csv or .xlsx file." in response.content.decode()
    assert not BulkOrderUpload.objects.exists()


def test_plain_staff_cannot_upload(plain_staff, account, client):
    client.force_login(plain_staff)
    response = client.post(
        "/admin/merchants/bulkorderupload/add/",
        {"account": account.pk, "mode": "all_or_nothing", "file": file([row("S-1")])},
    )

    assert response.status_code in (302, 403, 404)
    assert not MerchantOrder.objects.exists()
