"""Reading claims for the order page, the consumer API and emails."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.models import (
    Claim,
    ClaimEvent,
    ClaimEventCode,
    ClaimKind,
    Order,
    OrderEvent,
    OrderStatus,
)
from orders.models.claim_status import AWAITING_PLANT, CUSTOMER_VISIBLE_EVENTS, HOLDS_QUANTITY


@dataclass(frozen=True)
class ClaimTimelineEntry:
    code: str
    label: str
    detail: str
    at: datetime
    # Words for the customer (an operator's question or reason, the customer's answer).
    message: str = ""


def _reprint_steps() -> dict[str, str]:
    return {
        AWAITING_PLANT: _("Reprint awaiting a plant"),
        "planned": _("Reprint planned"),
        "offered": _("Reprint sent to a plant"),
        "accepted": _("Reprint accepted by a plant"),
        "started": _("Reprint in production"),
        "qc_passed": _("Reprint quality checked"),
        "shipped": _("Reprint shipped"),
        "parcel_delivered": _("Reprint delivered"),
        "delivered": _("Reprint delivered"),
    }


def _service_steps() -> dict[str, str]:
    return {
        AWAITING_PLANT: _("Visit awaiting a service crew"),
        "planned": _("Visit planned"),
        "offered": _("Visit offered to a service crew"),
        "accepted": _("Visit accepted by a service crew"),
        "started": _("Service crew at work"),
        "shipped": _("Visit done"),
    }


def _filed_labels() -> dict[str, str]:
    return {
        ClaimKind.PROBLEM: _("Problem reported"),
        ClaimKind.REPAIR: _("Repair or maintenance visit requested"),
        ClaimKind.RETURN: _("Return requested"),
    }


def claims_of_order(*, order: Order) -> QuerySet[Claim]:
    """The order's claims, newest first, with their photos and events (3 queries)."""
    return (
        Claim.objects.filter(order=order)
        .select_related("line")
        .prefetch_related(
            "photos", Prefetch("events", ClaimEvent.objects.order_by("created_at", "pk"))
        )
    )


def claim_timeline(*, claim: Claim) -> list[ClaimTimelineEntry]:
    """What the customer sees of the claim, oldest first (the plant's evidence is not)."""
    steps = _reprint_steps()
    visits = _service_steps()
    entries = []
    for event in claim.events.all():
        if event.code not in CUSTOMER_VISIBLE_EVENTS:
            continue
        data = event.data or {}
        step = data.get("step", "")
        if event.code == ClaimEventCode.FILED:
            label = _filed_labels().get(claim.kind, _("Problem reported"))
        elif event.code == ClaimEventCode.SERVICE_PROGRESS:
            label = visits.get(step, _("Visit progress"))
        elif event.code == ClaimEventCode.REPRINT_PROGRESS:
            label = steps.get(step, _("Reprint progress"))
        elif event.code == ClaimEventCode.RESOLVED:
            label = steps["shipped"]
        else:
            label = str(
                ClaimEventCode(event.code).label
                if event.code in ClaimEventCode.values
                else event.code
            )
        details = []
        if data.get("amount") and event.code in {
            ClaimEventCode.REFUNDED,
            ClaimEventCode.REFUND_PENDING,
            ClaimEventCode.RETURN_RECEIVED,
        }:
            details.append(f"{data['amount']} {claim.order.currency}")
        if data.get("reference"):  # a return's label
            details.append(f"{data.get('carrier', '')} {data['reference']}".strip())
        if data.get("tracking_number"):
            details.append(f"{data.get('carrier', '')} {data['tracking_number']}".strip())
        if data.get("photos"):
            count = len(data["photos"])
            details.append(_("%(count)d photo(s)") % {"count": count})
        entries.append(
            ClaimTimelineEntry(
                code=event.code,
                label=str(label),
                detail=" · ".join(details),
                at=event.created_at,
                message=data.get("message", "") if event.code != ClaimEventCode.FILED else "",
            )
        )
    return entries


def order_delivered_at(*, order: Order) -> datetime | None:
    """When the order became delivered (None while it is not)."""
    if order.status != OrderStatus.DELIVERED:
        return None
    return (
        order.events.filter(kind=OrderEvent.Kind.STATUS, to_status=OrderStatus.DELIVERED)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    ) or order.updated_at


def claim_window_ends(*, order: Order) -> datetime | None:
    """Until when the customer may report a problem (None: not delivered yet)."""
    delivered = order_delivered_at(order=order)
    return delivered + timedelta(days=settings.CLAIM_WINDOW_DAYS) if delivered else None


@dataclass(frozen=True)
class ClaimableLine:
    line_id: int
    line_no: int
    name: str
    left: int


def claim_form_state(
    *, order: Order, claims: list[Claim]
) -> tuple[datetime | None, list[ClaimableLine]]:
    """Until when problems may be reported, and how many pieces of each line still can be
    (empty while the order is not delivered or once the window closed)."""
    ends = claim_window_ends(order=order)
    if ends is None or timezone.now() > ends:
        return ends, []
    held: dict[int, int] = {}
    for claim in claims:
        if claim.status in HOLDS_QUANTITY and claim.kind != ClaimKind.REPAIR:
            held[claim.line_id] = held.get(claim.line_id, 0) + claim.quantity
    lines = [
        ClaimableLine(
            line_id=line.pk,
            line_no=line.line_no,
            name=line.product_name_zh if _zh() and line.product_name_zh else line.product_name,
            left=line.quantity - held.get(line.pk, 0),
        )
        for line in order.lines.all()
    ]
    return ends, [line for line in lines if line.left > 0]


def _zh() -> bool:
    from django.utils.translation import get_language

    return (get_language() or "").startswith("zh")
