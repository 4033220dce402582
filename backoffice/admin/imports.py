"""Bulk import of factories and products from CSV or XLSX: validate, preview, then apply.

Every row is validated by a form and written through ``factory_upsert`` / ``product_upsert``
by a django-import-export resource. The preview runs the import in a transaction that is
rolled back and lists what each row would do and every error; nothing is written until the
operator confirms an error-free preview, and the confirmed import is one transaction.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.validators import validate_slug
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from import_export.results import Result, RowResult
from tablib import Dataset

from backoffice.admin.catalog import PRODUCT_COLUMNS, ProductResource
from backoffice.admin.factories import FACTORY_COLUMNS, FactoryResource
from c2m.errors import ApplicationError
from c2m.roles import is_operator
from c2m.tabular import ServiceImportResource, table_read
from orders.models import Product
from orders.services.catalog import DISPLAY_FIELDS, product_upsert
from orders.services.definitions import definition_problems
from production.models import Factory
from production.services.factories import factory_upsert

MAX_UPLOAD = 5 * 1024 * 1024


class FactoryRow(forms.Form):
    code = forms.SlugField(max_length=40)
    name = forms.CharField(max_length=200)
    city = forms.CharField(max_length=100)
    country = forms.RegexField(regex=r"^[A-Z]{2}$", error_messages={"invalid": "Two capitals."})
    latitude = forms.DecimalField(min_value=-90, max_value=90, decimal_places=6)
    longitude = forms.DecimalField(min_value=-180, max_value=180, decimal_places=6)
    capabilities = forms.CharField(required=False)
    address = forms.CharField(required=False)
    max_open_work_orders = forms.IntegerField(min_value=1, required=False)
    offer_sla_hours = forms.IntegerField(min_value=1, max_value=720, required=False)

    def clean_capabilities(self) -> list[str]:
        codes = [c for c in re.split(r"[\s,;]+", self.cleaned_data["capabilities"]) if c]
        for code in codes:
            try:
                validate_slug(code)
            except forms.ValidationError:
                raise forms.ValidationError(f"'{code}' is not a capability code.") from None
        return codes


class ProductRow(forms.Form):
    sku = forms.SlugField(max_length=64)
    name = forms.CharField(max_length=200)
    name_zh = forms.CharField(max_length=200, required=False)
    description = forms.CharField(required=False)
    currency = forms.RegexField(regex=r"^[A-Z]{3}$", error_messages={"invalid": "ISO 4217."})
    base_price = forms.DecimalField(min_value=0, max_digits=12, decimal_places=2)
    default_lead_days = forms.IntegerField(min_value=1, max_value=365, required=False)
    is_active = forms.CharField(required=False)
    definition = forms.CharField()

    def clean_is_active(self) -> bool:
        value = self.cleaned_data["is_active"].strip().lower()
        if value not in {"", "yes", "no", "true", "false", "1", "0"}:
            raise forms.ValidationError("yes or no.")
        return value in {"", "yes", "true", "1"}

    def clean_definition(self) -> dict:
        try:
            definition = json.loads(self.cleaned_data["definition"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(f"Not JSON: {exc.msg}.") from None
        problems = definition_problems(definition)
        if problems:
            raise forms.ValidationError(problems)
        return definition


class FactoryImport(ServiceImportResource, FactoryResource):
    row_form = FactoryRow

    class Meta:
        import_id_fields = ["code"]

    def apply(self, data: dict[str, Any]) -> Factory:
        return factory_upsert(**{"capabilities": [], **data})


class ProductImport(ServiceImportResource, ProductResource):
    row_form = ProductRow

    class Meta:
        import_id_fields = ["sku"]

    def apply(self, data: dict[str, Any]) -> Product:
        return product_upsert(
            **{k: v for k, v in data.items() if k in {"sku", "definition", *DISPLAY_FIELDS}}
        )


KINDS: dict[str, dict[str, Any]] = {
    "factories": {
        "resource": FactoryImport,
        "key": "code",
        "columns": FACTORY_COLUMNS,
        "changelist": "admin:production_factory_changelist",
    },
    "products": {
        "resource": ProductImport,
        "key": "sku",
        "columns": PRODUCT_COLUMNS,
        "changelist": "admin:orders_product_changelist",
    },
}


def import_view(request: HttpRequest, kind: str) -> TemplateResponse | HttpResponseRedirect:
    if not is_operator(request.user) or kind not in KINDS:
        raise Http404
    spec = KINDS[kind]
    context = {
        **admin.site.each_context(request),
        "title": f"Import {kind}",
        "kind": kind,
        "columns": spec["columns"],
    }
    if request.method != "POST":
        return TemplateResponse(request, "admin/c2m/import.html", context)
    try:
        rows = _rows(request)
    except ApplicationError as exc:
        messages.error(request, exc.detail)
        return TemplateResponse(request, "admin/c2m/import.html", context)
    confirmed = "confirm" in request.POST
    # A preview runs the import in a transaction that is rolled back; a confirmed import is
    # rolled back as a whole if any row fails.
    result = spec["resource"]().import_data(
        rows, dry_run=not confirmed, use_transactions=True, rollback_on_validation_errors=True
    )
    preview = _preview(rows, result, spec["key"])
    has_errors = result.has_errors() or result.has_validation_errors()
    if confirmed and not has_errors:
        messages.success(request, f"Imported {len(preview)} {kind}.")
        return HttpResponseRedirect(reverse(spec["changelist"]))
    for error in result.base_errors:
        messages.error(request, str(error.error))
    context.update(preview=preview, has_errors=has_errors, payload=json.dumps(rows.dict))
    return TemplateResponse(request, "admin/c2m/import.html", context)


def _rows(request: HttpRequest) -> Dataset:
    if "payload" in request.POST:  # the confirmed preview, validated again on import
        try:
            rows = json.loads(request.POST["payload"])
        except json.JSONDecodeError:
            rows = None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ApplicationError("The preview was damaged; upload the file again.")
        headers = list(dict.fromkeys(str(k) for r in rows for k in r))
        dataset = Dataset(headers=headers)
        for r in rows:
            dataset.append([str(r.get(h, "")) for h in headers])
        return dataset
    upload = request.FILES.get("file")
    if upload is None:
        raise ApplicationError("Choose a file to upload.")
    if upload.size is None or upload.size > MAX_UPLOAD:
        raise ApplicationError("The file is larger than 5 MB.")
    return table_read(name=upload.name or "", content=upload.read())


def _preview(rows: Dataset, result: Result, key: str) -> list[dict[str, Any]]:
    """One line per row: its line in the file, key, what it would do, and its problems."""
    preview = []
    for number, (values, row) in enumerate(zip(rows.dict, result.rows, strict=True), start=2):
        errors = [str(e.error) for e in row.errors]
        if row.validation_error is not None:
            for field, problems in row.validation_error.message_dict.items():
                text = " ".join(problems)
                errors.append(text if field == NON_FIELD_ERRORS else f"{field}: {text}")
        preview.append(
            {
                "line": number,
                "key": values.get(key, ""),
                "action": "update" if row.import_type == RowResult.IMPORT_TYPE_UPDATE else "create",
                "errors": errors,
            }
        )
    return preview
