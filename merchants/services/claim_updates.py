"""A claim on a merchant's order reaches the merchant as a signed ``claim.updated``
webhook, one per entry of the claim's timeline the customer would see (filed, more
information asked or given, reprint or refund approved and their progress, declined).

Like production's progress (``merchants.services.progress``), this reads the orders
merchants placed (beat every 15 s): orders never imports merchants. A timeline entry is
told once (a unique constraint on the webhook event's ``claim_event``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef

from merchants.models import MerchantOrder, WebhookEvent
from merchants.services.webhooks import webhook_event_emit
from orders.models import ClaimEvent
from orders.models.claim_status import CUSTOMER_VISIBLE_EVENTS

CLAIM_UPDATED = "claim.updated"


def merchant_claims_follow(*, limit: int = 500) -> int:
    """Emit ``claim.updated`` for every customer-visible claim timeline entry on a live
    merchant order not told yet, oldest first; return how many were emitted."""
    told = WebhookEvent.objects.filter(claim_event=OuterRef("pk"))
    pending = (
        ClaimEvent.objects.filter(
            code__in=CUSTOMER_VISIBLE_EVENTS,
            claim__order__merchant__isnull=False,
            claim__order__merchant__sandbox=False,
        )
        .filter(~Exists(told))
        .select_related("claim__line", "claim__order__merchant")
        .order_by("pk")[:limit]
    )
    emitted = 0
    for event in pending:
        merchant_order = event.claim.order.merchant
        with transaction.atomic():
            if webhook_event_emit(
                order=merchant_order,
                type=CLAIM_UPDATED,
                data={"claim": claim_update_data(event, merchant_order)},
                claim_event_id=event.pk,
            ):
                emitted += 1
    return emitted


def claim_update_data(event: ClaimEvent, merchant_order: MerchantOrder) -> dict[str, Any]:
    """What the merchant is told of one timeline entry (never the plant's evidence)."""
    claim = event.claim
    data = event.data or {}
    line_ids = list(claim.order.lines.order_by("pk").values_list("pk", flat=True))
    return {
        "number": claim.number,
        "event": event.code,
        "status": event.to_status or claim.status,
        "reason": claim.reason,
        "line": line_ids.index(claim.line_id) if claim.line_id in line_ids else None,
        "quantity": claim.quantity,
        "refund_amount": str(claim.refund_amount) if claim.refund_amount else None,
        "currency": merchant_order.currency,
        "message": str(data.get("message", ""))[:2000],
        "reprint_step": str(data.get("step", "")),
        "at": event.created_at.isoformat(),
    }
