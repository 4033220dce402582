"""The order timeline in words: what happened, where, and with which parcel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import formats
from django.utils.translation import gettext as _

from orders.language import in_reader_language
from orders.models import Order, OrderEvent, OrderEventCode, OrderStatus
from orders.selectors.invoice import INVOICE_UNPAID

# Production's code for a line cut into parts made by several plants.
SPLIT = "work_order_split"


@dataclass(frozen=True)
class TimelineEntry:
    code: str
    label: str
    detail: str
    at: datetime
    # The order line (item) a production milestone is about; None for the whole order.
    line_id: int | None = None


def _labels() -> dict[str, str]:
    code, status = OrderEventCode, OrderStatus
    return {
        code.PLACED: _("Order placed"),
        code.PAID: _("Payment received"),
        code.OFFERED: _("Routed to a plant"),
        code.ACCEPTED: _("Accepted by the plant"),
        code.STARTED: _("In production"),
        code.QC_PASSED: _("Quality checked"),
        code.SHIPPED: _("Shipped"),
        code.DELIVERED: _("Delivered"),
        code.PARCEL_DELIVERED: _("Parcel delivered"),
        code.CANCELLED: _("Cancelled"),
        status.IN_PRODUCTION: _("In production"),
        status.PARTIALLY_SHIPPED: _("Partly shipped"),
        code.REFUNDED: _("Refunded"),
        code.PAID_AFTER_CANCELLATION: _("Payment received after cancellation: we will refund it"),
        code.PROMISE_BROKEN: _("Delivery date at risk"),
        code.PROMISE_REVISED: _("New delivery date"),
        code.PROMISE_RESTORED: _("Back on schedule"),
        SPLIT: _("Shared between plants, made in parts"),
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
            OrderStatus.IN_PRODUCTION,
            OrderStatus.SHIPPED,
            OrderStatus.PARTIALLY_SHIPPED,
        }:
            continue
        data = event.data or {}
        if event.kind == OrderEvent.Kind.PRODUCTION and event.code == OrderEventCode.CANCELLED:
            continue
        details = []
        if data.get("city"):
            city = in_reader_language(data["city"], data.get("city_zh", ""))
            details.append(_("in %(city)s") % {"city": city})
        if data.get("tracking_number"):
            details.append(f"{data.get('carrier', '')} {data['tracking_number']}".strip())
        if data.get("reason") == INVOICE_UNPAID:
            details.append(_("the invoice was not paid in time"))
        if event.code in {OrderEventCode.PROMISE_BROKEN, OrderEventCode.PROMISE_REVISED}:
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
                line_id=data.get("line_id") if event.kind == OrderEvent.Kind.PRODUCTION else None,
            )
        )
    return entries
