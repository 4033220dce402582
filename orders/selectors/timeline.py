"""The order timeline in words: what happened, where, and with which parcel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import formats
from django.utils.translation import gettext as _

from orders.models import Order, OrderEvent


@dataclass(frozen=True)
class TimelineEntry:
    code: str
    label: str
    detail: str
    at: datetime


def _labels() -> dict[str, str]:
    return {
        "placed": _("Order placed"),
        "paid": _("Payment received"),
        "offered": _("Routed to a plant"),
        "accepted": _("Accepted by the plant"),
        "started": _("In production"),
        "qc_passed": _("Quality checked"),
        "shipped": _("Shipped"),
        "delivered": _("Delivered"),
        "parcel_delivered": _("Parcel delivered"),
        "cancelled": _("Cancelled"),
        "in_production": _("In production"),
        "partially_shipped": _("Partly shipped"),
        "refunded": _("Refunded"),
        "promise_broken": _("Delivery date at risk"),
        "promise_revised": _("New delivery date"),
        "promise_restored": _("Back on schedule"),
    }


def order_timeline(*, order: Order) -> list[TimelineEntry]:
    """Customer-visible events, oldest first. Uses the prefetched ``events`` if present.

    Derived status changes that repeat a production milestone (accepted → in production,
    last parcel → shipped) are folded into it, so each step shows once.
    """
    labels = _labels()
    entries: list[TimelineEntry] = []
    for event in order.events.all():
        if event.kind == OrderEvent.Kind.STATUS and event.code in {
            "in_production",
            "shipped",
            "partially_shipped",
        }:
            continue
        data = event.data or {}
        if event.kind == OrderEvent.Kind.PRODUCTION and event.code == "cancelled":
            continue
        details = []
        if data.get("city"):
            details.append(_("in %(city)s") % {"city": data["city"]})
        if data.get("tracking_number"):
            details.append(f"{data.get('carrier', '')} {data['tracking_number']}".strip())
        if event.code in {"promise_broken", "promise_revised"}:
            details.append(
                _("now %(date)s")
                % {"date": formats.date_format(date.fromisoformat(data["revised_date"]))}
                if data.get("revised_date")
                else _("no plant can make it at the moment")
            )
        entries.append(
            TimelineEntry(
                code=event.code,
                label=labels.get(event.code, event.code.replace("_", " ").capitalize()),
                detail=" · ".join(details),
                at=event.created_at,
            )
        )
    return entries
