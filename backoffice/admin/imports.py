"""Bulk import of factories and products from CSV or XLSX: validate, preview, then apply.

Every row is validated by a form; the preview lists what would be created or updated and
every error, and nothing is written until the operator confirms an error-free preview.
Rows are applied in one transaction through ``factory_upsert`` / ``product_upsert``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.validators import validate_slug
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse

from backoffice.admin.catalog import PRODUCT_COLUMNS
from backoffice.admin.factories import FACTORY_COLUMNS
from c2m.errors import ApplicationError
from c2m.roles import is_operator
from c2m.tabular import table_read
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


KINDS: dict[str, dict[str, Any]] = {
    "factories": {
        "form": FactoryRow,
        "columns": FACTORY_COLUMNS,
        "key": "code",
        "model": Factory,
        "changelist": "admin:production_factory_changelist",
    },
    "products": {
        "form": ProductRow,
        "columns": PRODUCT_COLUMNS,
        "key": "sku",
        "model": Product,
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
    preview = _validate(spec, rows)
    has_errors = any(p["errors"] for p in preview)
    if "confirm" in request.POST and not has_errors:
        with transaction.atomic():
            for row in preview:
                _apply(kind, row["data"])
        messages.success(request, f"Imported {len(preview)} {kind}.")
        return HttpResponseRedirect(reverse(spec["changelist"]))
    context.update(preview=preview, has_errors=has_errors, payload=json.dumps(rows))
    return TemplateResponse(request, "admin/c2m/import.html", context)


def _rows(request: HttpRequest) -> list[dict[str, str]]:
    if "payload" in request.POST:  # the confirmed preview, validated again below
        try:
            rows = json.loads(request.POST["payload"])
        except json.JSONDecodeError:
            rows = None
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ApplicationError("The preview was damaged; upload the file again.")
        return [{str(k): str(v) for k, v in r.items()} for r in rows]
    upload = request.FILES.get("file")
    if upload is None:
        raise ApplicationError("Choose a file to upload.")
    if upload.size > MAX_UPLOAD:
        raise ApplicationError("The file is larger than 5 MB.")
    return table_read(name=upload.name, content=upload.read())


def _validate(spec: dict[str, Any], rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    existing = set(
        spec["model"]
        .objects.filter(**{f"{spec['key']}__in": [r.get(spec["key"], "") for r in rows]})
        .values_list(spec["key"], flat=True)
    )
    seen: set[str] = set()
    preview = []
    for number, row in enumerate(rows, start=2):
        form = spec["form"](data=row)
        errors = []
        if not form.is_valid():
            errors = [f"{field}: {' '.join(e)}" for field, e in form.errors.items()]
        key = row.get(spec["key"], "")
        if key in seen:
            errors.append(f"{spec['key']} '{key}' appears twice in the file.")
        seen.add(key)
        preview.append(
            {
                "line": number,
                "key": key,
                "action": "update" if key in existing else "create",
                "errors": errors,
                "data": form.cleaned_data if not errors else {},
            }
        )
    return preview


def _apply(kind: str, data: dict[str, Any]) -> None:
    data = {k: v for k, v in data.items() if v not in (None, "")}
    if kind == "factories":
        factory_upsert(**{"capabilities": [], **data})
    else:
        product_upsert(
            **{k: v for k, v in data.items() if k in {"sku", "definition", *DISPLAY_FIELDS}}
        )
