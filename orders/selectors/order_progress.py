"""The order page's reading of an order: each item's progress (per part when plants share
it), the parcels carrying it, and its timeline, newest first and without repeats.

Everything here is derived from what production reported through the feedback seam
(``OrderEvent`` rows naming the line, the work order and its status, and the parcels).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from orders.language import in_reader_language
from orders.models import Order, OrderEvent, OrderLine, OrderStatus
from orders.selectors.catalog import line_products_load
from orders.selectors.parcels import Parcel, parcels_of
from orders.selectors.timeline import TimelineEntry, order_timeline

# An item's progress, in the order it happens (cancelled stands apart).
PROGRESS = (
    "planning",
    "offered",
    "accepted",
    "in_production",
    "qc_passed",
    "shipped",
    "delivered",
)
# Work-order statuses (as production reports them) to the item progress a shopper sees.
_FROM_WORK_ORDER = {
    "pending": "planning",
    "unroutable": "planning",
    "offered": "offered",
    "accepted": "accepted",
    "in_production": "in_production",
    "qc_failed": "in_production",
    "qc_passed": "qc_passed",
    "shipped": "shipped",
    "delivered": "delivered",
    "cancelled": "cancelled",
}
# For milestones reported before the work order's status came with them.
_FROM_EVENT = {
    "offered": "offered",
    "accepted": "accepted",
    "started": "in_production",
    "qc_passed": "qc_passed",
    "shipped": "shipped",
    "parcel_delivered": "shipped",
    "delivered": "delivered",
    "cancelled": "cancelled",
}


def item_status_labels() -> dict[str, str]:
    return {
        "awaiting_payment": _("Awaiting payment"),
        "planning": _("Finding a plant"),
        "offered": _("Waiting for a plant to accept"),
        "accepted": _("Accepted by a plant"),
        "in_production": _("In production"),
        "qc_passed": _("Quality checked, being packed"),
        "partly_shipped": _("Partly shipped"),
        "shipped": _("On its way"),
        "delivered": _("Delivered"),
        "cancelled": _("Cancelled"),
    }


@dataclass
class ItemPart:
    """One work order making (part of) an item."""

    work_order: str
    quantity: int | None = None
    status: str = "planning"
    city: str = ""
    label: str = ""


@dataclass(frozen=True)
class TimelineRow:
    code: str
    label: str
    detail: str
    at: datetime
    # How many identical reports this row stands for (shown once).
    times: int = 1


@dataclass
class ItemProgress:
    line: OrderLine
    status: str
    label: str
    # Shown when plants share the item (two or more parts).
    parts: list[ItemPart] = field(default_factory=list)
    parcels: list[Parcel] = field(default_factory=list)
    timeline: list[TimelineRow] = field(default_factory=list)


@dataclass(frozen=True)
class OrderProgress:
    items: list[ItemProgress]
    parcels: list[Parcel]
    # The order's own events (placed, paid, cancelled, promise news), newest first.
    order_timeline: list[TimelineRow]


def order_progress(*, order: Order) -> OrderProgress:
    """Each item's status, parts, parcels and timeline; uses prefetched ``lines``,
    ``events`` and ``shipments``."""
    lines = list(order.lines.all())
    line_products_load(lines)  # the designs of items and parcels read them
    events = list(order.events.all())
    line_of = _line_of_work_order(events)
    parts = _parts_by_line(events, line_of)
    parcels = parcels_of(shipments=order.shipments.all(), lines=lines, line_of_work_order=line_of)
    timeline = order_timeline(order=order)
    only_line = lines[0].pk if len(lines) == 1 else None
    labels = item_status_labels()
    items = []
    for line in lines:
        line_parts = list(parts.get(line.pk, {}).values())
        status = _item_status(order, line_parts)
        for part in line_parts:
            part.label = labels[part.status]
        items.append(
            ItemProgress(
                line=line,
                status=status,
                label=labels[status],
                parts=line_parts if len(line_parts) > 1 else [],
                parcels=[p for p in parcels if any(i.line_id == line.pk for i in p.items)],
                timeline=_collapsed(
                    e for e in timeline if (e.line_id or _line(e, only_line)) == line.pk
                ),
            )
        )
    whole_order = _collapsed(e for e in timeline if not (e.line_id or _line(e, only_line)))
    return OrderProgress(items=items, parcels=parcels, order_timeline=whole_order)


def _line(entry: TimelineEntry, only_line: int | None) -> int | None:
    # A production milestone reported before lines were named belongs to the only line.
    return only_line if entry.code in _FROM_EVENT and entry.code != "cancelled" else None


def _line_of_work_order(events: list[OrderEvent]) -> dict[str, int]:
    line_of: dict[str, int] = {}
    for event in events:
        data = event.data or {}
        if data.get("line_id") and data.get("work_order"):
            line_of[data["work_order"]] = data["line_id"]
    return line_of


def _parts_by_line(
    events: list[OrderEvent], line_of: dict[str, int]
) -> dict[int, dict[str, ItemPart]]:
    parts: dict[int, dict[str, ItemPart]] = {}
    for event in events:
        data = event.data or {}
        if event.kind != OrderEvent.Kind.PRODUCTION or not data.get("work_order"):
            continue
        line_id = data.get("line_id") or line_of.get(data["work_order"])
        if line_id is None:
            continue
        of_line = parts.setdefault(line_id, {})
        for number, quantity in zip(
            data.get("parts", []), data.get("quantities", []), strict=False
        ):
            of_line.setdefault(number, ItemPart(work_order=number)).quantity = quantity
        part = of_line.setdefault(data["work_order"], ItemPart(work_order=data["work_order"]))
        if data.get("quantity"):
            part.quantity = data["quantity"]
        if data.get("city"):
            part.city = in_reader_language(data["city"], data.get("city_zh", ""))
        status = _FROM_WORK_ORDER.get(data.get("work_order_status", "")) or _FROM_EVENT.get(
            event.code
        )
        if status:
            part.status = status
    return parts


def _item_status(order: Order, parts: list[ItemPart]) -> str:
    if order.status == OrderStatus.CANCELLED:
        return "cancelled"
    if order.status == OrderStatus.PENDING_PAYMENT:
        return "awaiting_payment"
    if order.status == OrderStatus.DELIVERED:
        return "delivered"
    live = [p.status for p in parts if p.status != "cancelled"]
    if not live:
        return "cancelled" if parts else "planning"
    ranks = [PROGRESS.index(s) for s in live]
    shipped = PROGRESS.index("shipped")
    if min(ranks) < shipped <= max(ranks):
        return "partly_shipped"
    return PROGRESS[min(ranks)]


def _collapsed(entries: Iterable[TimelineEntry]) -> list[TimelineRow]:
    """Newest first; a report repeating one already shown (same words) folds into it."""
    rows: dict[tuple[str, str], TimelineRow] = {}
    for entry in sorted(reversed(list(entries)), key=lambda e: e.at, reverse=True):
        key = (entry.label, entry.detail)
        seen = rows.get(key)
        rows[key] = (
            TimelineRow(seen.code, seen.label, seen.detail, seen.at, seen.times + 1)
            if seen
            else TimelineRow(entry.code, entry.label, entry.detail, entry.at)
        )
    return list(rows.values())
