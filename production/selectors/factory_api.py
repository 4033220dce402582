"""What the factory API reads: a factory's work orders, page by page, and its feed."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection
from django.db.models import Q
from django.utils.dateparse import parse_datetime

from c2m.errors import ApplicationError
from production.models import Factory, FactoryFeedEntry, WorkOrder


@dataclass(frozen=True)
class Page:
    results: list[dict[str, Any]]
    next_cursor: str | None


@dataclass(frozen=True)
class JsonPage:
    """A page whose ``results`` are already JSON text: an array of list items."""

    results: str
    next_cursor: str | None


class InvalidCursor(ApplicationError):
    code = "invalid_cursor"


def encode_cursor(updated_at: datetime, pk: int) -> str:
    return base64.urlsafe_b64encode(f"{updated_at.isoformat()}|{pk}".encode()).decode()


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """The (updated_at, id) a cursor points after. Raises ``InvalidCursor`` (400)."""
    try:
        raw = base64.urlsafe_b64decode(cursor.encode("ascii")).decode()
        stamp, _, pk = raw.partition("|")
        when = parse_datetime(stamp)
        if when is None or when.tzinfo is None or not pk.isdigit():
            raise ValueError(raw)
        return when, int(pk)
    except (ValueError, UnicodeError, binascii.Error):
        raise InvalidCursor(
            "The cursor is not one this API handed out.", errors={"cursor": ["Invalid."]}
        ) from None


# The list item of the factory API (``WorkOrderListItemSerializer``), written by PostgreSQL:
# row_to_json writes compact JSON as DRF's renderer does, and ``updated_at`` is formatted
# as DRF formats a UTC datetime (ISO 8601, ``Z``, microseconds only when there are any).
# The page is cut first, so only its rows are written. ``updated_at`` also comes back as
# text: only the last row's is ever parsed (for the cursor).
_PAGE_SQL = """
SELECT row_to_json(item)::text, page.updated_at::text, page.id
FROM (
    SELECT id, number, status, version, product_sku, product_name, quantity, due_date,
           express, updated_at
    FROM {table}
    WHERE {where}
    ORDER BY updated_at, id
    LIMIT %s
) AS page,
LATERAL (
    SELECT page.id, page.number, page.status, page.version, page.product_sku,
           page.product_name, page.quantity, page.due_date, page.express,
           to_char(
               page.updated_at AT TIME ZONE 'UTC',
               CASE WHEN date_trunc('second', page.updated_at) = page.updated_at
                    THEN 'YYYY-MM-DD"T"HH24:MI:SS"Z"'
                    ELSE 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"' END
           ) AS updated_at
) AS item
ORDER BY page.updated_at, page.id
"""


def factory_work_orders_page(
    *,
    factory_id: int,
    statuses: Sequence[str] = (),
    updated_after: datetime | None = None,
    cursor: str | None = None,
    limit: int = 50,
    express: bool | None = None,
) -> JsonPage:
    """One page of the factory's work orders, oldest change first, as JSON text.

    Keyset pagination on (updated_at, id): a work order that changes while a client pages
    moves to the end and is seen again there, never skipped. One query; PostgreSQL writes
    each item's JSON, so no row becomes a dict (what made the poll ≥ 3× cheaper than a
    ``ModelSerializer`` list: ``docs/performance.md``).
    ``express`` True lists only express work (what to make first), False only standard.
    Raises ``InvalidCursor``.
    """
    after = decode_cursor(cursor) if cursor else None
    if connection.vendor == "postgresql":
        rows = _page_rows(factory_id, statuses, updated_after, after, limit + 1, express)
    else:  # the demo's SQLite: the same items, written by Python
        rows = _page_rows_portable(factory_id, statuses, updated_after, after, limit + 1, express)
    page = rows[:limit]  # the extra row only tells whether there is a next page
    next_cursor = None
    if len(rows) > limit:
        _, updated_at, pk = page[-1]
        moment = parse_datetime(updated_at)
        if moment is None:
            raise ValueError(f"Not a timestamp: {updated_at!r}")
        next_cursor = encode_cursor(moment, pk)
    return JsonPage(results=f"[{','.join(item for item, _, _ in page)}]", next_cursor=next_cursor)


Row = tuple[str, str, int]  # (item JSON, updated_at as text, id)


def _page_rows(
    factory_id: int,
    statuses: Sequence[str],
    updated_after: datetime | None,
    after: tuple[datetime, int] | None,
    limit: int,
    express: bool | None = None,
) -> list[Row]:
    where: list[str] = ["factory_id = %s"]
    params: list[Any] = [factory_id]
    if express is not None:
        where.append("express = %s")
        params.append(express)
    if statuses:
        where.append(f"status IN ({', '.join(['%s'] * len(statuses))})")
        params += statuses
    if updated_after is not None:
        where.append("updated_at > %s")
        params.append(updated_after)
    if after is not None:
        where.append("(updated_at > %s OR (updated_at = %s AND id > %s))")
        params += [after[0], after[0], after[1]]
    sql = _PAGE_SQL.format(table=WorkOrder._meta.db_table, where=" AND ".join(where))
    with connection.cursor() as db:
        db.execute(sql, [*params, limit])
        return db.fetchall()


# The fields of a list item, in the order of the documented WorkOrderListItemSerializer.
LIST_ITEM_FIELDS = (
    "id",
    "number",
    "status",
    "version",
    "product_sku",
    "product_name",
    "quantity",
    "due_date",
    "express",
    "updated_at",
)


def _page_rows_portable(
    factory_id: int,
    statuses: Sequence[str],
    updated_after: datetime | None,
    after: tuple[datetime, int] | None,
    limit: int,
    express: bool | None = None,
) -> list[Row]:
    """``_page_rows`` through the ORM, for databases without ``row_to_json``."""
    rows = WorkOrder.objects.filter(factory_id=factory_id)
    if express is not None:
        rows = rows.filter(express=express)
    if statuses:
        rows = rows.filter(status__in=statuses)
    if updated_after is not None:
        rows = rows.filter(updated_at__gt=updated_after)
    if after is not None:
        rows = rows.filter(Q(updated_at__gt=after[0]) | Q(updated_at=after[0], id__gt=after[1]))
    out = []
    for row in rows.order_by("updated_at", "id").values(*LIST_ITEM_FIELDS)[:limit]:
        stamp = row["updated_at"].astimezone(UTC).isoformat().replace("+00:00", "Z")
        item = {**row, "due_date": row["due_date"].isoformat(), "updated_at": stamp}
        out.append((json.dumps(item, ensure_ascii=False, separators=(",", ":")), stamp, row["id"]))
    return out


def factory_feed_page(*, factory: Factory, after: int = 0, limit: int = 100) -> Page:
    """Feed entries after ``after``, in sequence order; ``next_cursor`` is the last seq."""
    entries = list(
        FactoryFeedEntry.objects.filter(factory=factory, seq__gt=after)
        .order_by("seq")
        .values(
            "seq",
            "event",
            "status",
            "version",
            "created_at",
            "work_order_id",
            "work_order__number",
        )[:limit]
    )
    results = [
        {
            "seq": e["seq"],
            "work_order_id": e["work_order_id"],
            "work_order_number": e["work_order__number"],
            "event": e["event"],
            "status": e["status"],
            "version": e["version"],
            "created_at": e["created_at"],
        }
        for e in entries
    ]
    next_cursor = str(results[-1]["seq"]) if results else str(after)
    return Page(results, next_cursor)
