"""Bulk orders: a merchant's CSV or XLSX file, one order per row, each made by
``merchant_order_create`` exactly as the API makes one (there is no second order path).

Columns (header row first, any order): ``reference``, ``sku``, ``quantity``, the ship-to
fields (``name``, ``line1``, ``line2``, ``city``, ``region``, ``postal_code``,
``country``, ``phone``), optional ``shipping_method``, one ``option.<code>`` column per
configuration option, and for artwork ``artwork_option`` (the option's code) with
``artwork_id`` (an upload) or ``artwork_url`` (https, fetched by a worker).

Every problem is reported per row (``row``, ``reference``, ``field``, ``code``,
``message``; rows
numbered as the spreadsheet shows them, the header being row 1). ``all_or_nothing`` makes
no order when any row has a problem; ``valid_rows_only`` makes the others.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from c2m.errors import ApplicationError
from merchants.models import ArtworkFetchStatus, BulkMode, BulkOrderUpload, BusinessAccount
from merchants.services.artwork_fetches import artwork_fetches_ensure, fetch_reason
from merchants.services.merchant_orders import merchant_order_confirm_new, merchant_order_create
from merchants.services.quotes import LineInput
from merchants.services.safe_fetch import FetchRefused, url_check
from orders.services.payments.intents import PaymentUnconfirmed

ADDRESS_FIELDS = ("name", "line1", "line2", "city", "region", "postal_code", "country", "phone")
KNOWN = {
    "reference",
    "sku",
    "quantity",
    "shipping_method",
    "artwork_option",
    "artwork_id",
    "artwork_url",
    *ADDRESS_FIELDS,
}
MAX_COLUMNS = 100
# An XLSX is a zip: what it may unpack to, so a small file cannot expand into gigabytes.
MAX_XLSX_UNPACKED = 50 * 1024 * 1024
# A cell starting with one of these is a formula to Excel and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LINE_KEY = re.compile(r"^lines\[\d+\]\.?")


@dataclass
class BulkRow:
    number: int
    values: dict[str, str]
    problems: list[dict[str, Any]] = field(default_factory=list)

    def problem(self, field_name: str, code: str, message: str) -> None:
        self.problems.append(
            {
                "row": self.number,
                "reference": self.values.get("reference", "")[:64],
                "field": field_name,
                "code": code,
                "message": message,
            }
        )


def bulk_orders_upload(
    *,
    account: BusinessAccount,
    sandbox: bool,
    file_name: str,
    content: bytes,
    mode: str,
    confirm: bool = False,
    actor: str,
) -> BulkOrderUpload:
    """Read the file, check every row, make the orders ``mode`` allows and record it all.

    Raises ``ApplicationError`` ``invalid_file`` (not CSV/XLSX, unreadable, no header,
    too large, too many rows, unknown columns) before any row is looked at; every other
    problem is in the upload's ``report``.
    """
    if mode not in BulkMode.values:
        raise ApplicationError(
            _("Choose all_or_nothing or valid_rows_only."),
            code="invalid",
            errors={"mode": [_("Choose all_or_nothing or valid_rows_only.")]},
        )
    rows = bulk_rows_read(file_name=file_name, content=content)
    seen: dict[str, int] = {}
    for row in rows:
        _row_check(row, seen)
    artwork_ids = _artwork_resolve(account, rows)

    drafts: list[tuple[BulkRow, Any]] = []

    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            for row in rows:
                if not row.problems:
                    order = _row_order(account, sandbox, row, artwork_ids.get(row.number))
                    if order is not None:
                        drafts.append((row, order))
            if mode == BulkMode.ALL_OR_NOTHING and any(row.problems for row in rows):
                raise Rollback
    except Rollback:
        drafts = []
    if confirm:
        # Each order is paid with no transaction open (never under a lock), one by one,
        # once every draft is committed; a refusal is that row's problem.
        drafts = [(row, order) for row, order in drafts if _row_confirm(row, order)]
    made = [
        {"row": row.number, "reference": order.reference, "order_id": order.public_id}
        for row, order in drafts
    ]
    report = [problem for row in rows for problem in row.problems]
    return BulkOrderUpload.objects.create(
        public_id="bu_" + secrets.token_hex(10),
        account=account,
        sandbox=sandbox,
        file_name=_display_name(file_name),
        mode=mode,
        confirm=confirm,
        rows_total=len(rows),
        orders=made,
        report=report,
        actor=actor[:100],
    )


def bulk_rows_read(*, file_name: str, content: bytes) -> list[BulkRow]:
    """The order rows of a CSV (UTF-8) or XLSX file, blank rows skipped.

    Raises ``ApplicationError`` ``invalid_file`` as ``bulk_orders_upload`` says.
    """
    max_bytes, max_rows = settings.BULK_ORDER_MAX_BYTES, settings.BULK_ORDER_MAX_ROWS
    if len(content) > max_bytes:
        raise _invalid_file(_("The file is larger than %(n)d bytes.") % {"n": max_bytes})
    extension = str(file_name).lower().rsplit(".", 1)[-1]
    if extension == "csv":
        table = _csv_rows(content)
    elif extension == "xlsx":
        table = _xlsx_rows(content)
    else:
        raise _invalid_file(_("Upload a .csv or .xlsx file."))
    try:
        header = [h.strip().lower() for h in next(table)]
    except StopIteration:
        raise _invalid_file(_("The file is empty.")) from None
    while header and not header[-1]:  # a spreadsheet pads rows with empty cells
        header.pop()
    if len(header) > MAX_COLUMNS:
        raise _invalid_file(_("At most %(n)d columns.") % {"n": MAX_COLUMNS})
    unknown = [h for h in header if h and h not in KNOWN and not h.startswith("option.")]
    missing = [h for h in ("reference", "sku", "quantity") if h not in header]
    if unknown or missing:
        errors = {h: [_("Unknown column.")] for h in unknown}
        errors |= {h: [_("This column is required.")] for h in missing}
        raise _invalid_file(_("The header row is not as documented."), errors=errors)
    rows: list[BulkRow] = []
    for number, cells in enumerate(table, start=2):
        if not any(cells):
            continue
        if len(rows) >= max_rows:
            raise _invalid_file(_("At most %(n)d order rows per file.") % {"n": max_rows})
        values = {h: (cells[i] if i < len(cells) else "") for i, h in enumerate(header) if h}
        rows.append(BulkRow(number, values))
    if not rows:
        raise _invalid_file(_("The file has no order rows."))
    return rows


def bulk_report_csv(upload: BulkOrderUpload) -> str:
    """The upload's problems as CSV, every cell that a spreadsheet would run as a formula
    turned into text (a leading apostrophe)."""
    out = io.StringIO()
    writer = csv.writer(out)
    columns = ("row", "reference", "field", "code", "message")
    writer.writerow(columns)
    for problem in upload.report:
        writer.writerow([_safe_cell(problem.get(k, "")) for k in columns])
    return out.getvalue()


def _row_check(row: BulkRow, seen: dict[str, int]) -> None:
    values = row.values
    for name in ("reference", "sku", "quantity"):
        if not values.get(name):
            row.problem(name, "required", _("This field is required."))
    reference = values.get("reference", "")
    if len(reference) > 64:
        row.problem("reference", "invalid", _("At most 64 characters."))
    elif reference in seen:
        row.problem(
            "reference",
            "duplicate",
            _("The same reference is on row %(row)d.") % {"row": seen[reference]},
        )
    elif reference:
        seen[reference] = row.number
    quantity = values.get("quantity", "")
    if quantity and not (quantity.isdigit() and 1 <= int(quantity) <= 100000):
        row.problem("quantity", "invalid", _("Enter a whole number from 1 to 100000."))
    has_artwork = bool(values.get("artwork_id") or values.get("artwork_url"))
    if values.get("artwork_id") and values.get("artwork_url"):
        row.problem("artwork_url", "invalid", _("Give artwork_id or artwork_url, not both."))
    if has_artwork and not values.get("artwork_option"):
        row.problem("artwork_option", "required", _("Name the artwork option's code."))
    if values.get("artwork_url"):
        try:
            url_check(values["artwork_url"])
        except FetchRefused as refused:
            row.problem("artwork_url", refused.code, fetch_reason(refused.code))


def _artwork_resolve(account: BusinessAccount, rows: list[BulkRow]) -> dict[int, str]:
    """Artwork ids of the rows naming a URL, fetched already; rows still being fetched or
    whose fetch failed get their problem. Recorded outside the orders' transaction, so an
    all-or-nothing file refused now still has its fetches started for the next upload."""
    wanted = {
        f"row {row.number}.{row.values.get('artwork_option', '')}": row
        for row in rows
        if row.values.get("artwork_url") and not row.problems
    }
    if not wanted:
        return {}
    fetches = artwork_fetches_ensure(
        account=account, urls={k: row.values["artwork_url"] for k, row in wanted.items()}
    )
    ids: dict[int, str] = {}
    for key, row in wanted.items():
        fetch = fetches[key]
        if fetch.status == ArtworkFetchStatus.PENDING:
            row.problem(
                "artwork_url",
                "artwork_pending",
                _("Still being fetched; upload the file again shortly."),
            )
        elif fetch.status == ArtworkFetchStatus.FAILED:
            row.problem("artwork_url", "artwork_fetch_failed", fetch_reason(fetch.reason))
        elif fetch.artwork is not None:
            ids[row.number] = fetch.artwork.public_id
    return ids


def _row_order(
    account: BusinessAccount, sandbox: bool, row: BulkRow, artwork_id: str | None
) -> Any:
    """The row's draft through ``merchant_order_create``, or None with its problems."""
    values = row.values
    options: dict[str, Any] = {
        k.removeprefix("option."): v for k, v in values.items() if k.startswith("option.") and v
    }
    artwork_id = artwork_id or values.get("artwork_id")
    if artwork_id:
        options[values["artwork_option"]] = {"artwork_id": artwork_id}
    ship_to = {k: values.get(k, "") for k in ADDRESS_FIELDS}
    try:
        with transaction.atomic():
            return merchant_order_create(
                account=account,
                sandbox=sandbox,
                reference=values["reference"],
                lines=[LineInput(values["sku"], options, int(values["quantity"]))],
                ship_to=ship_to,
                shipping_method=values.get("shipping_method") or "standard",
            )
    except ApplicationError as error:
        _row_refused(row, error)
        return None


def _row_confirm(row: BulkRow, order: Any) -> bool:
    """Confirm the row's draft; False (the row's problem) when that is refused. A payment
    the provider did not answer keeps its order for the reconciler, and the row says so."""
    try:
        merchant_order_confirm_new(order_id=order.pk)
    except PaymentUnconfirmed as error:
        _row_refused(row, error)
        return True
    except ApplicationError as error:
        _row_refused(row, error)
        return False
    return True


def _row_refused(row: BulkRow, error: ApplicationError) -> None:
    if not error.errors:
        row.problem("", error.code, str(error.detail))
    for key, messages in error.errors.items():
        name = _LINE_KEY.sub("", str(key))
        name = "option." + name.removeprefix("options.") if name.startswith("options.") else name
        for message in messages if isinstance(messages, list) else [messages]:
            row.problem(name or "", error.code, str(message))


def _csv_rows(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _invalid_file(_("Save the CSV file as UTF-8.")) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise _invalid_file(_("The CSV file cannot be read: %(e)s") % {"e": error}) from None
    return iter([[_uncell(c.strip()) for c in row] for row in rows])


def _xlsx_rows(content: bytes) -> Iterator[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            if sum(i.file_size for i in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise _invalid_file(_("The spreadsheet unpacks to too much data."))
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        filled = 0
        for cells in sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True):
            rows.append([_xlsx_text(v) for v in cells])
            filled += any(rows[-1])
            if filled > settings.BULK_ORDER_MAX_ROWS + 1:  # enough to say there are too many
                break
        book.close()
    except ApplicationError:
        raise
    except Exception as error:  # zip, XML and openpyxl errors alike: not a readable file
        raise _invalid_file(
            _("The spreadsheet cannot be read (%(e)s).") % {"e": type(error).__name__}
        ) from None
    return iter(rows)


def _xlsx_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return _uncell(str(value).strip())


def _uncell(text: str) -> str:
    """A cell a report escaped (``'=...``) read back as it was meant."""
    if text.startswith("'") and text[1:2] in _FORMULA_START:
        return text[1:]
    return text


def _safe_cell(value: Any) -> Any:
    if isinstance(value, int):
        return value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _display_name(name: str) -> str:
    name = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable())[:200] or "upload"


def _invalid_file(detail: str, errors: dict[str, list[str]] | None = None) -> ApplicationError:
    return ApplicationError(detail, code="invalid_file", errors=errors or {"file": [detail]})
