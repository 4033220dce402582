"""Operators' tools: API keys, catalog validation, import/export, exceptions, calendar, files."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from orders.models import Product
from production.models import CapacityDay, Factory, FactoryApiKey, WorkCentre
from production.services.api_keys import api_key_authenticate
from production.services.capacity import CapacityChange, capacity_publish
from production.services.production_files import work_order_files_generate
from production.services.work_orders import work_order_transition
from tests.backoffice.admin.conftest import planned_work_order
from tests.factories import demo_product, plant_capacity_cleared

pytestmark = pytest.mark.django_db


def test_api_key_is_shown_once_and_works(as_operator, plant_a):
    page = as_operator.post(
        reverse("admin:production_factoryapikey_add"), {"factory": plant_a.pk, "name": "ERP"}
    )

    plain = page.context["plain"]
    assert plain in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    assert api_key_authenticate(raw=plain).factory_id == plant_a.pk
    listing = as_operator.get(reverse("admin:production_factoryapikey_changelist"))
    assert plain not in listing.content.decode()


def test_revoked_key_stops_working(as_operator, plant_a, factory_key):
    key = FactoryApiKey.objects.get()

    as_operator.post(
        reverse("admin:production_factoryapikey_changelist"),
        {"action": "revoke", "_selected_action": [key.pk]},
    )

    assert api_key_authenticate(raw=factory_key) is None


def _product_post(definition: dict, **extra) -> dict:
    return {
        "sku": "mug",
        "name": "Mug",
        "currency": "CNY",
        "base_price": "30.00",
        "default_lead_days": 5,
        "is_active": "on",
        "position": 0,
        "definition": json.dumps(definition),
        **extra,
    }


def test_definition_with_a_rule_naming_a_missing_option_is_refused(as_operator):
    label = {"en": "Size", "zh-hans": "尺码"}
    definition = {
        "sku": "mug",
        "name": {"en": "Mug", "zh-hans": "马克杯"},
        "version": 1,
        "currency": "CNY",
        "base_price": "30.00",
        "default_lead_days": 5,
        "groups": [{"code": "mug", "label": label}],
        "options": [
            {
                "code": "size",
                "kind": "choice",
                "label": label,
                "group": "mug",
                "values": [{"code": "S", "label": {"en": "S", "zh-hans": "S"}}],
            }
        ],
        "rules": [
            {
                "id": "red-is-small",
                "kind": "requires",
                "when": {"option": "colour", "values": ["red"]},
                "then": {"option": "size", "values": ["S"]},
            }
        ],
    }

    page = as_operator.post(reverse("admin:orders_product_add"), _product_post(definition))

    assert page.status_code == 200
    assert "names missing option &#x27;colour&#x27;" in page.content.decode()
    assert not Product.objects.filter(sku="mug").exists()


def test_changing_a_definition_bumps_its_version(as_operator):
    product = demo_product()
    definition = dict(product.definition, base_price="139.00")

    as_operator.post(
        reverse("admin:orders_product_change", args=[product.pk]),
        _product_post(definition, sku=product.sku, name=product.name),
    )

    product.refresh_from_db()
    assert product.definition_version == 2
    assert product.definition == definition
    assert product.base_price == 139


def test_try_a_configuration_prices_without_storing(as_operator):
    from orders.models import Configuration

    product = demo_product()
    raw = {"quantity": 2, "options": {"finish": "matte_black"}}

    page = as_operator.post(
        reverse("admin:production_recipe_preview", args=[product.sku]),
        {"configuration": json.dumps(raw)},
    )

    assert page.context["total"] == 2 * (129 + 15)  # base + matte black, 500 ml default
    html = page.content.decode()
    assert "<td>Engraved stainless steel tumbler</td>" in html and "&#x27;en&#x27;" not in html
    assert Configuration.objects.count() == 0


def test_factory_import_previews_then_applies(as_operator):
    csv_text = (
        "code,name,city,country,latitude,longitude,capabilities\n"
        "nb-knit,Ningbo Knit,Ningbo,CN,29.87,121.55,knit qc pack\n"
    )
    upload = SimpleUploadedFile("f.csv", csv_text.encode(), content_type="text/csv")
    url = reverse("c2m_admin:import", args=["factories"])

    preview = as_operator.post(url, {"file": upload})

    assert preview.context["preview"][0]["action"] == "create"
    assert not Factory.objects.filter(code="nb-knit").exists()

    as_operator.post(url, {"payload": preview.context["payload"], "confirm": "1"})

    factory = Factory.objects.get(code="nb-knit")
    assert sorted(c.code for c in factory.capabilities.all()) == ["knit", "pack", "qc"]


def test_import_with_errors_writes_nothing(as_operator):
    csv_text = (
        "code,name,city,country,latitude,longitude\n"
        "ok-plant,OK,Ningbo,CN,29,121\n"
        "bad plant,Bad,Ningbo,China,95,121\n"
    )
    url = reverse("c2m_admin:import", args=["factories"])

    preview = as_operator.post(url, {"file": SimpleUploadedFile("f.csv", csv_text.encode())})
    as_operator.post(url, {"payload": preview.context["payload"], "confirm": "1"})

    errors = preview.context["preview"][1]["errors"]
    assert any(e.startswith("code:") for e in errors)
    assert any(e.startswith("latitude:") for e in errors)
    assert not Factory.objects.filter(code="ok-plant").exists()


def test_a_file_without_the_key_column_is_refused_with_a_message(as_operator):
    csv_text = "name,city,country,latitude,longitude\nNo Code,Ningbo,CN,29,121\n"
    url = reverse("c2m_admin:import", args=["factories"])

    page = as_operator.post(url, {"file": SimpleUploadedFile("f.csv", csv_text.encode())})

    assert page.status_code == 200
    assert page.context["has_errors"]
    assert "code" in " ".join(str(m) for m in page.context["messages"])
    assert not Factory.objects.filter(name="No Code").exists()


def test_unreadable_upload_is_a_message(as_operator):
    url = reverse("c2m_admin:import", args=["products"])

    page = as_operator.post(url, {"file": SimpleUploadedFile("x.xlsx", b"not a zip")})

    assert page.status_code == 200
    assert b"cannot be read" in page.content


def test_products_round_trip_through_xlsx(as_operator):
    product = demo_product()
    exported = as_operator.post(
        reverse("admin:orders_product_changelist"),
        {"action": "export_xlsx", "_selected_action": [product.pk]},
    )
    sheet = load_workbook(io.BytesIO(exported.content)).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    rows[1][3] = "Renamed tee"  # the description column
    buffer = io.BytesIO()
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(buffer)
    url = reverse("c2m_admin:import", args=["products"])

    preview = as_operator.post(url, {"file": SimpleUploadedFile("p.xlsx", buffer.getvalue())})
    as_operator.post(url, {"payload": preview.context["payload"], "confirm": "1"})

    product.refresh_from_db()
    assert preview.context["preview"][0]["action"] == "update"
    assert product.description == "Renamed tee"
    assert product.definition_version == 1  # same definition: no new version


def test_a_formula_is_exported_as_text_and_imported_back_unchanged(as_operator):
    product = demo_product()
    Product.objects.filter(pk=product.pk).update(description='=HYPERLINK("x")')
    exported = as_operator.post(
        reverse("admin:orders_product_changelist"),
        {"action": "export_csv", "_selected_action": [product.pk]},
    )
    url = reverse("c2m_admin:import", args=["products"])

    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    preview = as_operator.post(url, {"file": SimpleUploadedFile("p.csv", exported.content)})
    as_operator.post(url, {"payload": preview.context["payload"], "confirm": "1"})

    assert rows[0]["description"] == '\'=HYPERLINK("x")'
    product.refresh_from_db()
    assert product.description == '=HYPERLINK("x")'


def test_a_code_twice_in_one_file_is_a_row_error_and_nothing_is_written(as_operator):
    csv_text = (
        "code,name,city,country,latitude,longitude\n"
        "twin-plant,One,Ningbo,CN,29,121\n"
        "twin-plant,Two,Ningbo,CN,29,121\n"
    )
    url = reverse("c2m_admin:import", args=["factories"])

    preview = as_operator.post(url, {"file": SimpleUploadedFile("f.csv", csv_text.encode())})
    as_operator.post(url, {"payload": preview.context["payload"], "confirm": "1"})

    assert [row["errors"] for row in preview.context["preview"]] == [
        [],
        ["code 'twin-plant' appears twice in the file."],
    ]
    assert "appears twice" in preview.content.decode()
    assert not Factory.objects.filter(code="twin-plant").exists()


def test_exceptions_list_retries_unroutable_work(as_operator, django_capture_on_commit_callbacks):
    work_order = planned_work_order()
    work_order_transition(work_order_id=work_order.pk, event="unroutable", actor="system:router")
    page = as_operator.get(reverse("c2m_admin:exceptions"))
    assert work_order.number in page.content.decode()

    with django_capture_on_commit_callbacks() as callbacks:
        as_operator.post(reverse("c2m_admin:exceptions"), {"work_order": [work_order.pk]})

    work_order.refresh_from_db()
    assert work_order.status == "pending"
    assert len(callbacks) == 1


def test_calendar_refuses_less_than_reserved(as_staff_a, plant_a):
    from django.utils import timezone

    plant_capacity_cleared(plant_a)
    WorkCentre.objects.create(factory=plant_a, type="dtg_printer")
    day = timezone.localdate()
    [capacity] = capacity_publish(
        factory=plant_a, changes=[CapacityChange("dtg_printer", day, 480)]
    )
    CapacityDay.objects.filter(pk=capacity.pk).update(reserved_minutes=300)
    url = reverse("admin:production_capacityday_calendar")
    tomorrow = day + __import__("datetime").timedelta(days=1)

    page = as_staff_a.post(
        url,
        {f"m_dtg_printer_{day.isoformat()}": "200", f"m_dtg_printer_{tomorrow}": "400"},
        follow=True,
    )

    assert "300 minutes are already reserved" in page.content.decode()
    capacity.refresh_from_db()
    assert capacity.available_minutes == 480
    assert not CapacityDay.objects.filter(day=tomorrow).exists()  # all or nothing

    as_staff_a.post(url, {f"m_dtg_printer_{tomorrow}": "400"})
    assert CapacityDay.objects.get(day=tomorrow).available_minutes == 400


def test_generated_files_are_listed_and_download_for_own_work_order(as_staff_a, wo_a):
    change = reverse("admin:production_workorder_change", args=[wo_a.pk])
    preparing = as_staff_a.get(change).content.decode()
    work_order_files_generate(work_order_id=wo_a.pk)
    ready = as_staff_a.get(change).content.decode()

    ticket_url = reverse("admin:production_workorder_file", args=[wo_a.pk, "job-ticket.pdf"])
    ticket = as_staff_a.get(ticket_url)
    shortcut = as_staff_a.get(reverse("admin:production_workorder_job_ticket", args=[wo_a.pk]))
    missing = as_staff_a.get(reverse("admin:production_workorder_file", args=[wo_a.pk, "x.png"]))

    assert "Being prepared" in preparing and ticket_url not in preparing
    assert ticket_url in ready and "Being prepared" not in ready
    assert ticket.status_code == 200
    body = b"".join(ticket.streaming_content)
    assert body.startswith(b"%PDF") and wo_a.number.encode() in body
    assert ticket["Content-Disposition"] == 'attachment; filename="job-ticket.pdf"'
    assert ticket["X-Content-Type-Options"] == "nosniff"
    # The admin's ticket is the very file the factory API serves: one generator.
    assert b"".join(shortcut.streaming_content) == body
    assert missing.status_code == 404
