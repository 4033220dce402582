"""Tables in and out of the admin as CSV or XLSX, with spreadsheet-formula injection blunted."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook

from c2m.errors import ApplicationError

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
MAX_ROWS = 5000
# A cell starting with one of these is a formula to Excel and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def table_response(
    *, filename: str, headers: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str
) -> HttpResponse:
    """An attachment holding ``headers`` and ``rows`` as CSV or XLSX."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    cells = [[_cell(v) for v in row] for row in rows]
    response = HttpResponse(content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    response["X-Content-Type-Options"] = "nosniff"
    if fmt == "csv":
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(headers)
        writer.writerows(cells)
    else:
        book = Workbook(write_only=True)
        sheet = book.create_sheet(filename[:31])
        sheet.append(list(headers))
        for row in cells:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        response.write(buffer.getvalue())
    return response


def table_read(*, name: str, content: bytes) -> list[dict[str, str]]:
    """The rows of an uploaded CSV or XLSX file as dicts keyed by the header row.

    Raises ``ApplicationError`` for an unknown format, an unreadable file or too many rows.
    """
    try:
        if name.lower().endswith(".csv"):
            text = content.decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text)))
        elif name.lower().endswith(".xlsx"):
            book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            rows = [
                ["" if v is None else str(v) for v in row]
                for row in book.worksheets[0].iter_rows(values_only=True)
            ]
        else:
            raise ApplicationError("Upload a .csv or .xlsx file.", code="invalid_file")
    except ApplicationError:
        raise
    except Exception as exc:  # csv, zip and XML errors alike: the file is not readable
        raise ApplicationError(f"The file cannot be read: {exc}", code="invalid_file") from exc
    if not rows:
        raise ApplicationError("The file is empty.", code="invalid_file")
    if len(rows) > MAX_ROWS + 1:
        raise ApplicationError(f"At most {MAX_ROWS} rows per import.", code="invalid_file")
    header = [h.strip() for h in rows[0]]
    return [
        {h: (_uncell(row[i]) if i < len(row) else "") for i, h in enumerate(header) if h}
        for row in rows[1:]
        if any(cell.strip() for cell in row)
    ]


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
    text = text.strip()
    if text.startswith("'") and text[1:2] in _FORMULA_START:
        return text[1:]
    return text
