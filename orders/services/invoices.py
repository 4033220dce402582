"""Invoice orders nobody paid: cancelled the day after their last day to pay."""

from __future__ import annotations

import logging
from datetime import date

from django.utils import timezone

from orders.selectors.invoice import INVOICE_UNPAID, invoice_orders_overdue
from orders.services.lifecycle import order_cancel_unpaid

logger = logging.getLogger(__name__)


def invoices_expire(*, today: date | None = None) -> list[str]:
    """Cancel every invoice order still unpaid after its last day to pay (the shopper is
    emailed why); return their numbers. An order paid or cancelled meanwhile is left as
    it is, so running it again, or twice at once, cancels nothing twice."""
    today = today or timezone.localdate()
    cancelled = []
    for order_id, number in invoice_orders_overdue(today=today).values_list("pk", "number"):
        if not order_cancel_unpaid(
            order_id=order_id, actor="system:invoice-expiry", reason=INVOICE_UNPAID
        ):
            continue  # paid or cancelled since it was read
        logger.info("cancelled unpaid invoice order %s", number)
        cancelled.append(number)
    return cancelled
