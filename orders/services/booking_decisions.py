"""A plant's answer to a capacity-exchange booking, on its way to the business.

Production reports it (``booking_decision_report``, re-exported by
``orders.services.production_feedback``) in the transaction that confirms or declines
the booking: an outbox row of topic ``booking.decided``, so the message is as durable as
the decision. Its consumer (``settings.C2M_OUTBOX_TASKS``) is the merchants app, which
locks the open messages here, tells the business through its webhook, and acknowledges
them in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from orders.models import OutboxMessage
from orders.services.outbox import outbox_enqueue, outbox_mark_processed

BOOKING_DECIDED = "booking.decided"


@dataclass(frozen=True)
class BookingDecision:
    message_id: int
    number: str
    buyer_account_id: int
    # ``confirmed`` or ``declined``.
    status: str
    # The booking as the business sees it (plant, days, minutes, cost, reason …).
    data: dict[str, Any]


def booking_decision_report(
    *, number: str, buyer_account_id: int, status: str, data: dict[str, Any]
) -> OutboxMessage:
    """Queue the plant's answer for the business, in the caller's transaction."""
    return outbox_enqueue(
        topic=BOOKING_DECIDED,
        payload={
            "number": number,
            "buyer_account_id": buyer_account_id,
            "status": status,
            "data": data,
        },
    )


def booking_decisions_lock(*, message_ids: Sequence[int]) -> list[BookingDecision]:
    """Lock the still-open decisions among ``message_ids``, oldest first. Inside the
    consumer's transaction; acknowledge them with ``booking_decisions_done`` in it."""
    assert transaction.get_connection().in_atomic_block, "call inside a transaction"
    messages = (
        OutboxMessage.objects.select_for_update()
        .filter(pk__in=sorted(set(message_ids)), topic=BOOKING_DECIDED, processed_at__isnull=True)
        .order_by("pk")
    )
    return [
        BookingDecision(
            message_id=m.pk,
            number=str(m.payload["number"]),
            buyer_account_id=int(m.payload["buyer_account_id"]),
            status=str(m.payload["status"]),
            data=dict(m.payload.get("data") or {}),
        )
        for m in messages
    ]


def booking_decisions_done(*, message_ids: Sequence[int]) -> None:
    outbox_mark_processed(message_ids=list(message_ids))
