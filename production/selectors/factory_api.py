"""What the factory API reads: a factory's work orders, page by page, and its feed."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connection
from django.utils.dateparse import parse_datetime

from c2m.errors import ApplicationError
from production.models import Factory, FactoryFeedEntry, WorkOrder


@dataclass(frozen=True)
class Page:
    results: list[dict[str, Any]]
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
    "updated_at",
)


_PAGE_COLUMNS = ", ".join(LIST_ITEM_FIELDS)


def factory_work_orders_page(
    *,
    factory_id: int,
    statuses: Sequence[str] = (),
    updated_after: datetime | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> Page:
    """One page of the factory's work orders, oldest change first: the list items as dicts
    of ``LIST_ITEM_FIELDS`` (what ``WorkOrderListItemSerializer`` gives, without model
    instances or serializer fields: DRF's renderer writes them as the serializer would).

    Keyset pagination on (updated_at, id): a work order that changes while a client pages
    moves to the end and is seen again there, never skipped. One query, on the index of
    (factory, status, updated_at), written in SQL because it is the poll's: the ORM would
    spend more building the statement than PostgreSQL spends running it. Raises
    ``InvalidCursor``.
    """
    where, params = ["factory_id = %s"], [factory_id]
    if statuses:
        where.append(f"status IN ({', '.join(['%s'] * len(statuses))})")
        params += statuses
    if updated_after is not None:
        where.append("updated_at > %s")
        params.append(updated_after)
    if cursor:
        after, pk = decode_cursor(cursor)
        where.append("(updated_at, id) > (%s, %s)")
        params += [after, pk]
    sql = (
        f"SELECT {_PAGE_COLUMNS} FROM {WorkOrder._meta.db_table} WHERE {' AND '.join(where)} "
        "ORDER BY updated_at, id LIMIT %s"
    )
    with connection.cursor() as db:
        # One row more than asked for only tells whether there is a next page.
        db.execute(sql, [*params, limit + 1])
        items = [dict(zip(LIST_ITEM_FIELDS, row, strict=True)) for row in db.fetchall()]
    next_cursor = None
    if len(items) > limit:
        items = items[:limit]
        next_cursor = encode_cursor(items[-1]["updated_at"], items[-1]["id"])
    return Page(results=items, next_cursor=next_cursor)


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
