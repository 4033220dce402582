"""Operators' decisions on repair visits and returns (claims of kind ``repair`` and
``return``): approving a repair sends production a service visit to plan; approving a
return issues its label; receiving it owes the refund, sent through the claims' refund
path outside any transaction, once.
"""

from __future__ import annotations

import secrets
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from c2m.errors import Conflict
from orders.models import Claim, ClaimEventCode, ClaimKind, ClaimStatus, Order
from orders.services.claims import (
    claim_decision_publish,
    claim_lock,
    claim_move,
    claim_refund_send,
    claim_update_email_queue,
    order_refundable_amount,
)
from orders.services.planning_snapshot import planning_delivery, planning_line

# Carriers the returns desk books labels with when the order came by none we know.
DEFAULT_RETURN_CARRIER = "SF Express"
# Where returned parcels go (printed on the label).
RETURNS_CENTRE = {
    "name": "C2M Bridge Returns",
    "line1": "Building 3, 1188 Xinjinqiao Road",
    "city": "Shanghai",
    "postal_code": "201206",
    "country": "CN",
}
_DIGITS = "0123456789"


def claim_approve_repair(*, claim_id: int, actor: str, message: str = "") -> Claim:
    """Approve a repair or maintenance visit: production gets the line's frozen snapshot
    (``claim.decided``, decision ``repair``) and routes a service work order to a plant
    that can do it, the one that made the item first when it can. Raises ``Conflict`` for
    another kind of claim or one decided already."""
    with transaction.atomic():
        claim = claim_lock(claim_id)
        _require(claim, ClaimKind.REPAIR)
        claim_move(
            claim=claim,
            to=ClaimStatus.SERVICE_SCHEDULED,
            actor=actor,
            data={"message": message.strip()},
        )
        claim_decision_publish(
            claim,
            "repair",
            kind=claim.kind,
            service={
                "line": planning_line(claim.line, quantity=claim.quantity),
                "ship_to": claim.order.ship_to,
                "delivery": planning_delivery(claim.order),
            },
        )
        claim_update_email_queue(claim)
    return claim


def claim_approve_return(*, claim_id: int, actor: str, message: str = "") -> Claim:
    """Approve a return and issue its label (carrier and reference) for the customer to
    print from the order page. Raises ``Conflict`` for another kind of claim or one
    decided already."""
    with transaction.atomic():
        claim = claim_lock(claim_id)
        _require(claim, ClaimKind.RETURN)
        carrier, reference = return_label_issue(order=claim.order)
        claim_move(
            claim=claim,
            to=ClaimStatus.RETURN_APPROVED,
            actor=actor,
            data={"message": message.strip(), "carrier": carrier, "reference": reference},
            changes={"return_carrier": carrier, "return_reference": reference},
        )
        claim_update_email_queue(claim)
    return claim


def claim_return_receive(*, claim_id: int, actor: str) -> Claim:
    """The returned pieces arrived: the refund (their share of the line, up to what the
    payment still holds) is owed, then sent to the provider with no transaction open.

    Only the receipt that moves the claim sends the refund: receiving it again, at once
    or later, changes nothing and never refunds twice (a refund the provider refused is
    sent again by ``claim_refund_send``, the admin's "Send the owed refund again").
    Raises ``Conflict`` for another kind of claim or a return not approved.
    """
    with transaction.atomic():
        claim = claim_lock(claim_id)
        if claim.kind != ClaimKind.RETURN:
            raise Conflict(_("This claim is not a return."), code="not_a_return")
        if claim.status in {ClaimStatus.REFUND_PENDING, ClaimStatus.REFUNDED}:
            return claim  # received already: its refund is sent or owed, once
        line = claim.line
        share = (line.line_total * claim.quantity / line.quantity).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        amount = min(share, order_refundable_amount(claim.order_id))
        claim_move(
            claim=claim,
            to=ClaimStatus.REFUND_PENDING,
            actor=actor,
            code=ClaimEventCode.RETURN_RECEIVED,
            data={"amount": str(amount)},
            changes={"refund_amount": amount},
        )
    return claim_refund_send(claim_id=claim.pk, actor=actor)


def return_label_issue(*, order: Order) -> tuple[str, str]:
    """A return label for the order: the carrier that brought it (the first parcel's), and
    a reference the returns desk books with it."""
    carrier = (
        order.shipments.order_by("pk").values_list("carrier", flat=True).first()
        or DEFAULT_RETURN_CARRIER
    )
    reference = "RT" + "".join(secrets.choice(_DIGITS) for _ in range(10))
    return carrier, reference


def _require(claim: Claim, kind: str) -> None:
    if claim.kind != kind:
        raise Conflict(
            _("This decision does not apply to this kind of claim."), code="wrong_claim_kind"
        )
