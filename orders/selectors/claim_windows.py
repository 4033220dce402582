"""Until when each kind of claim may be filed for an order line: a problem within the
claim window after delivery, a repair visit while the line's warranty runs, a return
within the product's return window (never for what its policy does not take back)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from c2m.errors import Conflict
from configurator import PERSONALISED
from orders.models import Claim, ClaimKind, Order, OrderLine, Warranty
from orders.models.claim_status import HOLDS_QUANTITY
from orders.selectors.claims import claim_window_ends, order_delivered_at


def warranty_of(line: OrderLine) -> Warranty | None:
    """The line's registered warranty (None: sold without one, or not delivered yet)."""
    try:
        return line.warranty
    except Warranty.DoesNotExist:
        return None


def return_window_ends(*, order: Order, line: OrderLine) -> datetime | None:
    """Until when the line may be returned (None: not delivered, or not returnable)."""
    delivered = order_delivered_at(order=order)
    if delivered is None or not line.return_days:
        return None
    return delivered + timedelta(days=line.return_days)


def claim_window_check(*, order: Order, line: OrderLine, kind: str, now: datetime) -> None:
    """Raise ``Conflict`` when a claim of ``kind`` may not be filed for ``line`` now, with
    a code and words for the customer; return None when it may."""
    delivered = order_delivered_at(order=order)
    if delivered is None:
        raise Conflict(
            _("You can ask for this once your order is delivered."), code="not_delivered"
        )
    if kind == ClaimKind.REPAIR:
        warranty = warranty_of(line)
        if warranty is None:
            raise Conflict(
                _("This item has no warranty, so we cannot send a repair visit under it."),
                code="no_warranty",
            )
        if timezone.localdate(now) > warranty.ends_on:
            raise Conflict(
                _("The warranty of this item ended on %(date)s.")
                % {"date": date_format(warranty.ends_on, "DATE_FORMAT")},
                code="warranty_expired",
            )
        return
    if kind == ClaimKind.RETURN:
        if not line.return_days:
            if line.return_refusal == PERSONALISED:
                raise Conflict(_("Personalised items cannot be returned."), code="personalised")
            raise Conflict(_("This item cannot be returned."), code="not_returnable")
        if now > delivered + timedelta(days=line.return_days):
            raise Conflict(
                _("Items can be returned up to %(days)d days after delivery.")
                % {"days": line.return_days},
                code="return_window_closed",
            )
        return
    ends = claim_window_ends(order=order)
    if ends is not None and now > ends:
        raise Conflict(
            _("Problems can be reported up to %(days)d days after delivery.")
            % {"days": settings.CLAIM_WINDOW_DAYS},
            code="claim_window_closed",
        )


@dataclass(frozen=True)
class AfterSalesLine:
    line_id: int
    line_no: int
    name: str
    # Pieces that may be named (a repair: the line's quantity).
    left: int
    # Until when (a warranty's last day, or the return window's end).
    until: date | datetime


@dataclass(frozen=True)
class AfterSalesState:
    # Lines under a valid warranty: a repair or maintenance visit may be asked for.
    repairable: list[AfterSalesLine] = field(default_factory=list)
    # Lines that may still be returned, and the words for those that may not.
    returnable: list[AfterSalesLine] = field(default_factory=list)
    not_returnable: list[tuple[str, str]] = field(default_factory=list)


def after_sales_state(*, order: Order, claims: list[Claim], now: datetime) -> AfterSalesState:
    """What the order page offers besides reporting a problem: repair visits for lines
    under warranty, returns of lines within their return window (empty until delivered)."""
    delivered = order_delivered_at(order=order)
    if delivered is None:
        return AfterSalesState()
    held: dict[int, int] = {}
    for claim in claims:
        if claim.status in HOLDS_QUANTITY and claim.kind != ClaimKind.REPAIR:
            held[claim.line_id] = held.get(claim.line_id, 0) + claim.quantity
    state = AfterSalesState()
    today = timezone.localdate(now)
    for line in order.lines.select_related("warranty").order_by("line_no"):
        name = line.product_name_zh if _zh() and line.product_name_zh else line.product_name
        warranty = warranty_of(line)
        if warranty is not None and today <= warranty.ends_on:
            state.repairable.append(
                AfterSalesLine(line.pk, line.line_no, name, line.quantity, warranty.ends_on)
            )
        if not line.return_days:
            words = (
                _("Personalised items cannot be returned.")
                if line.return_refusal == PERSONALISED
                else _("This item cannot be returned.")
            )
            state.not_returnable.append((name, words))
            continue
        ends = delivered + timedelta(days=line.return_days)
        left = line.quantity - held.get(line.pk, 0)
        if now <= ends and left > 0:
            state.returnable.append(AfterSalesLine(line.pk, line.line_no, name, left, ends))
    return state


def _zh() -> bool:
    return (get_language() or "").startswith("zh")
