"""Bulk orders: a CSV or XLSX file of orders, checked row by row, made through the same
service as POST /orders/, all or nothing or the valid rows only; Idempotency-Key replays;
one merchant never sees another's uploads."""

from __future__ import annotations

import csv
import io
import uuid

import pytest
from openpyxl import Workbook

from merchants.models import BulkOrderUpload, MerchantOrder
from merchants.services.bulk_orders import bulk_report_csv
from tests.merchants.conftest import API, SHIP_TO, Merchant

pytestmark = pytest.mark.django_db

HEADER = ["reference", "sku", "option.finish", "quantity", *SHIP_TO]


def row(reference: str, sku: str = "TUMBLER-ENGRAVED", quantity: str = "2", finish="brushed"):
    return [reference, sku, finish, quantity, *SHIP_TO.values()]


MIXED = [
    row("B-1"),
    row("B-2", sku="NO-SUCH-THING"),
    row("B-3", quantity="many"),
    row("B-4", finish="matte_black"),
]


def csv_file(rows: list[list[str]], header: list[str] = HEADER) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


def xlsx_file(rows: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for r in rows:
        sheet.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(
    merchant: Merchant,
    content: bytes,
    *,
    name: str = "orders.csv",
    mode: str = "valid_rows_only",
    confirm: bool = False,
    key: str | None = None,
):
    file = io.BytesIO(content)
    file.name = name
    return merchant.client.post(
        API + "/bulk-orders/",
        {"file": file, "mode": mode, "confirm": "true" if confirm else "false"},
        HTTP_AUTHORIZATION=f"Bearer {merchant.key}",
        HTTP_IDEMPOTENCY_KEY=key or uuid.uuid4().hex,
    )


def problems(response) -> set[tuple[int, str, str]]:
    return {(p["row"], p["field"], p["code"]) for p in response.json()["report"]}


def test_all_or_nothing_makes_no_order_from_a_file_with_a_bad_row(acme):
    response = upload(acme, csv_file(MIXED), mode="all_or_nothing")

    assert response.status_code == 201, response.content
    assert response.json()["orders"] == []
    assert response.json()["rows_total"] == 4
    assert problems(response) == {(3, "sku", "invalid_lines"), (4, "quantity", "invalid")}
    assert not MerchantOrder.objects.exists()


def test_valid_rows_only_makes_the_good_rows_orders_and_reports_the_others(acme):
    response = upload(acme, csv_file(MIXED), mode="valid_rows_only")

    assert response.status_code == 201, response.content
    made = {(o["row"], o["reference"]) for o in response.json()["orders"]}
    assert made == {(2, "B-1"), (5, "B-4")}
    assert problems(response) == {(3, "sku", "invalid_lines"), (4, "quantity", "invalid")}
    orders = MerchantOrder.objects.filter(account=acme.account)
    assert set(orders.values_list("reference", flat=True)) == {"B-1", "B-4"}
    assert {o.lines[0]["options"]["finish"] for o in orders} == {"brushed", "matte_black"}
    assert set(orders.values_list("status", flat=True)) == {"draft"}


def test_an_xlsx_file_with_numbers_in_cells_becomes_confirmed_orders(acme, quiet_broker):
    rows = [row("X-1"), row("X-2")]
    rows[0][3] = 3  # a number cell, as a spreadsheet stores it
    rows[1][3 + 1 + list(SHIP_TO).index("postal_code")] = 200120

    response = upload(
        acme, xlsx_file(rows), name="orders.xlsx", mode="all_or_nothing", confirm=True
    )

    assert response.status_code == 201, response.content
    assert response.json()["report"] == []
    orders = {o.reference: o for o in MerchantOrder.objects.all()}
    assert set(orders) == {"X-1", "X-2"}
    assert orders["X-1"].lines[0]["quantity"] == 3
    assert {o.status for o in orders.values()} == {"confirmed"}
    assert all(o.order_id for o in orders.values())  # placed through checkout


def test_the_same_idempotency_key_replays_and_makes_nothing_new(acme):
    first = upload(acme, csv_file([row("K-1")]), key="bulk-key-1")
    again = upload(acme, csv_file([row("K-1")]), key="bulk-key-1")
    other_body = upload(acme, csv_file([row("K-2")]), key="bulk-key-1")

    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert other_body.status_code == 422
    assert MerchantOrder.objects.count() == 1
    assert BulkOrderUpload.objects.count() == 1


def test_a_reference_already_used_or_repeated_in_the_file_is_reported(acme):
    upload(acme, csv_file([row("R-1")]))

    response = upload(acme, csv_file([row("R-1"), row("R-2"), row("R-2")]))

    assert problems(response) == {
        (2, "reference", "reference_taken"),
        (4, "reference", "duplicate"),
    }
    assert MerchantOrder.objects.count() == 2


def test_one_merchant_never_sees_anothers_uploads(acme, globex):
    mine = upload(acme, csv_file([row("I-1")])).json()

    assert globex.get(f"/bulk-orders/{mine['id']}/").status_code == 404
    assert globex.get("/bulk-orders/").json()["results"] == []
    assert acme.get(f"/bulk-orders/{mine['id']}/").json()["orders"] == mine["orders"]
    assert [u["id"] for u in acme.get("/bulk-orders/").json()["results"]] == [mine["id"]]


@pytest.mark.parametrize(
    "name,content,code",
    [
        ("orders.txt", b"reference,sku\n", "invalid_file"),
        ("orders.csv", b"reference,colour\nA,red\n", "invalid_file"),  # unknown, missing
        ("orders.csv", "reference".encode("utf-16"), "invalid_file"),
        ("orders.xlsx", b"PK\x03\x04 not really", "invalid_file"),
    ],
)
def test_a_file_that_cannot_be_read_is_a_400(acme, name, content, code):
    response = upload(acme, content, name=name)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert not BulkOrderUpload.objects.exists()


def test_row_and_size_limits(acme, settings):
    settings.BULK_ORDER_MAX_ROWS = 2
    too_many = upload(acme, csv_file([row("L-1"), row("L-2"), row("L-3")]))
    settings.BULK_ORDER_MAX_BYTES = 100
    too_big = upload(acme, csv_file([row("L-1"), row("L-2")]))

    assert too_many.status_code == 400
    assert "2" in too_many.json()["detail"]
    assert too_big.status_code in (400, 413)
    assert not MerchantOrder.objects.exists()


def test_the_csv_report_cannot_run_a_formula_in_a_spreadsheet(acme):
    evil = '=HYPERLINK("https://evil.example","x")'
    upload(acme, csv_file([row(evil, sku="NOPE")]))

    report = bulk_report_csv(BulkOrderUpload.objects.get())

    cells = list(csv.reader(io.StringIO(report)))
    assert cells[0] == ["row", "reference", "field", "code", "message"]
    assert cells[1][1] == "'" + evil
    assert not any(c.startswith(("=", "+", "-", "@")) for line in cells for c in line)
