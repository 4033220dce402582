"""Tables in and out of the admin as CSV or XLSX, with spreadsheet-formula injection blunted.

The rows are django-import-export resources: a ``SpreadsheetResource`` names the columns and
how each is exported; a ``ServiceImportResource`` validates each row with a form and writes
it through a service, so an import obeys the same rules as the admin's change form.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from import_export.formats.base_formats import CSV, XLSX, TablibFormat
from import_export.instance_loaders import CachedInstanceLoader
from import_export.resources import ModelResource
from tablib import Dataset

from c2m.errors import ApplicationError

FORMATS: dict[str, type[TablibFormat]] = {"csv": CSV, "xlsx": XLSX}
MAX_ROWS = 5000
# A cell starting with one of these is a formula to Excel and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


class SpreadsheetResource(ModelResource):
    """Rows for export: values as today's files hold them, formulas turned into text."""

    def export_field(self, field: Any, instance: Model, **kwargs: Any) -> Any:
        return _cell(super().export_field(field, instance, force_native_type=True, **kwargs))


class ServiceImportResource(SpreadsheetResource):
    """Rows for import: each validated by ``row_form`` and written by ``apply``.

    A row's form errors, a key repeated in the file and a service's ``ApplicationError`` all
    come back per row in the import result; nothing is written unless every row passes.
    """

    row_form: type[forms.Form]

    class Meta:
        # One query finds every row's existing object by its key.
        instance_loader_class = CachedInstanceLoader

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._cleaned: dict[int, dict[str, Any]] = {}
        self._seen_keys: set[str] = set()

    @property
    def key(self) -> str:
        return str(self.get_import_id_fields()[0])

    def apply(self, data: dict[str, Any]) -> Model:
        """Write one validated row through the service; return the saved object."""
        raise NotImplementedError

    def import_instance(self, instance: Model, row: dict[str, Any], **kwargs: Any) -> None:
        form = self.row_form(data=row)
        errors: dict[str, list[str]] = {}
        if not form.is_valid():
            errors = {field: [str(m) for m in messages] for field, messages in form.errors.items()}
        key = row.get(self.key, "")
        if key in self._seen_keys:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                f"{self.key} '{key}' appears twice in the file."
            )
        self._seen_keys.add(key)
        if errors:
            raise ValidationError(errors)
        self._cleaned[kwargs["row_number"]] = form.cleaned_data

    def save_instance(
        self, instance: Model, is_create: bool, row: dict[str, Any], **kwargs: Any
    ) -> None:
        data = self._cleaned.pop(kwargs["row_number"])
        try:
            saved = self.apply({k: v for k, v in data.items() if v not in (None, "")})
        except ApplicationError as exc:
            raise ValidationError({NON_FIELD_ERRORS: [exc.detail]}) from exc
        instance.pk = saved.pk

    def save_m2m(self, instance: Model, row: dict[str, Any], **kwargs: Any) -> None:
        """The service has set the relations already."""


def table_response(
    *, resource: SpreadsheetResource, queryset: QuerySet, filename: str, fmt: str
) -> HttpResponse:
    """An attachment holding ``resource``'s export of ``queryset`` as CSV or XLSX."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    dataset = resource.export(queryset)
    dataset.title = filename[:31]
    file_format = FORMATS[fmt]()
    response = HttpResponse(content_type=file_format.get_content_type())
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    if fmt == "csv":
        response.write("\ufeff")  # Excel reads UTF-8 only with the byte-order mark
    response.write(file_format.export_data(dataset))
    return response


def table_read(*, name: str, content: bytes) -> Dataset:
    """The rows of an uploaded CSV or XLSX file, headed by its first row, blank rows dropped.

    Raises ``ApplicationError`` for an unknown format, an unreadable file or too many rows.
    """
    extension = name.lower().rsplit(".", 1)[-1]
    if extension not in FORMATS:
        raise ApplicationError("Upload a .csv or .xlsx file.", code="invalid_file")
    try:
        if extension == "csv":
            raw = CSV().create_dataset(content.decode("utf-8-sig"))
        else:
            raw = XLSX().create_dataset(content)
    except Exception as exc:  # csv, zip and XML errors alike: the file is not readable
        raise ApplicationError(f"The file cannot be read: {exc}", code="invalid_file") from exc
    if not raw.headers:
        raise ApplicationError("The file is empty.", code="invalid_file")
    rows = [[_text(v) for v in row] for row in raw]
    rows = [row for row in rows if any(row)]
    if len(rows) > MAX_ROWS:
        raise ApplicationError(f"At most {MAX_ROWS} rows per import.", code="invalid_file")
    headers = [_text(h) for h in raw.headers]
    columns = [i for i, h in enumerate(headers) if h]
    dataset = Dataset(headers=[headers[i] for i in columns])
    for row in rows:
        dataset.append([_uncell(row[i]) if i < len(row) else "" for i in columns])
    return dataset


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return value
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _uncell(text: str) -> str:
    if text.startswith("'") and text[1:2] in _FORMULA_START:
        return text[1:]
    return text
