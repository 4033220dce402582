"""Businesses hear of a plant's answer to their capacity bookings: ``booking.confirmed``
or ``booking.declined`` to the account's webhook, once per booking.

The answer crosses from production as a ``booking.decided`` outbox message written with
the decision (``orders.services.booking_decisions``), the way order progress reaches
merchants through orders: merchants never import production. The message is
acknowledged in the transaction that records the event, and the event is unique per
booking and type, so a message delivered twice, or replayed, tells the business once.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction

from merchants.models import BusinessAccount
from merchants.services.webhooks import webhook_booking_event_emit
from orders.services.booking_decisions import booking_decisions_done, booking_decisions_lock

EVENT_TYPES = {"confirmed": "booking.confirmed", "declined": "booking.declined"}


def booking_decisions_tell(*, message_ids: Sequence[int]) -> int:
    """Emit the webhook event of each open decision among ``message_ids`` to the business
    that booked; return how many events were new. A decision for an account that no
    longer exists is acknowledged and dropped."""
    emitted = 0
    with transaction.atomic():
        decisions = booking_decisions_lock(message_ids=message_ids)
        accounts = set(
            BusinessAccount.objects.filter(
                pk__in={d.buyer_account_id for d in decisions}
            ).values_list("pk", flat=True)
        )
        for decision in decisions:
            event_type = EVENT_TYPES.get(decision.status)
            if event_type is None or decision.buyer_account_id not in accounts:
                continue
            event = webhook_booking_event_emit(
                account_id=decision.buyer_account_id,
                booking_number=decision.number,
                type=event_type,
                data=decision.data,
            )
            emitted += event is not None
        booking_decisions_done(message_ids=[d.message_id for d in decisions])
    return emitted
