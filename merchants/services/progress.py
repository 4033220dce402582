"""Merchant orders follow their platform order as plants report (live), or the
simulator (sandbox): accepted by a plant → shipped with tracking → delivered."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from c2m.db import lock_one
from c2m.errors import Conflict
from merchants.models import PROGRESS, MerchantOrder, MerchantOrderStatus
from merchants.services.merchant_orders import merchant_order_move

S = MerchantOrderStatus
# The platform order's status, as the merchant order's.
_FROM_ORDER = {
    "in_production": S.IN_PRODUCTION,
    "partially_shipped": S.IN_PRODUCTION,
    "shipped": S.SHIPPED,
    "delivered": S.DELIVERED,
}


def merchant_orders_follow_production(*, limit: int = 200) -> int:
    """Move live merchant orders forward to where their orders stand, one step at a time
    so that every webhook (accepted, shipped, delivered) is sent; return how many moved.
    An order cancelled by an operator cancels its merchant order."""
    moving = MerchantOrder.objects.filter(
        sandbox=False, order__isnull=False, status__in=PROGRESS[:-1]
    ).exclude(order__status__in=["placed", "pending_payment"])
    moved = 0
    for order_id in moving.values_list("pk", flat=True)[:limit]:
        with transaction.atomic():
            order = lock_one(MerchantOrder.objects, pk=order_id)
            assert order.order is not None  # read after the lock: the status as of now
            if order.order.status == "cancelled":
                merchant_order_move(order=order, to=S.CANCELLED, actor="production")
                moved += 1
                continue
            target = _FROM_ORDER.get(order.order.status)
            if target is None or order.status not in PROGRESS:
                continue
            while PROGRESS.index(order.status) < PROGRESS.index(target):
                step = PROGRESS[PROGRESS.index(order.status) + 1]
                merchant_order_move(order=order, to=step, actor="production")
            moved += 1
    return moved


def sandbox_order_advance(*, order_id: int) -> MerchantOrder:
    """Simulate the next step of a confirmed sandbox order: a plant accepts it, ships it
    with a sandbox tracking number, the carrier delivers it. The same webhooks as live.

    Raises ``Conflict`` (``not_simulated``) for a live order, a draft or a finished one.
    """
    with transaction.atomic():
        order = lock_one(MerchantOrder.objects, pk=order_id)
        if not order.sandbox or order.status not in PROGRESS[:-1]:
            raise Conflict(
                "Only confirmed sandbox orders on their way can be advanced.",
                code="not_simulated",
            )
        step = PROGRESS[PROGRESS.index(order.status) + 1]
        now = timezone.now().isoformat()
        changes = {}
        if step == S.SHIPPED:
            changes["sandbox_parcels"] = [
                {
                    "carrier": "sandbox",
                    "tracking_number": "SBX" + secrets.token_hex(5).upper(),
                    "shipped_at": now,
                    "delivered_at": None,
                    "lines": list(range(len(order.lines))),
                }
            ]
        elif step == S.DELIVERED:
            changes["sandbox_parcels"] = [{**p, "delivered_at": now} for p in order.sandbox_parcels]
        return merchant_order_move(order=order, to=step, actor="sandbox", changes=changes)
