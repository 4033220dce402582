"""The merchant order status machine: its statuses and the moves between them.

``merchants.services.merchant_orders.merchant_order_move`` is the only writer of
``MerchantOrder.status``; each move into a status in ``WEBHOOK_TYPES`` emits that webhook.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MerchantOrderStatus(models.TextChoices):
    # Priced and stored; nothing is charged or made until the merchant confirms it.
    DRAFT = "draft", _("Draft")
    # Paid or invoiced and handed to production (a sandbox order: to the simulator).
    CONFIRMED = "confirmed", _("Confirmed")
    # A plant accepted work for it.
    IN_PRODUCTION = "in_production", _("In production")
    # Every parcel is with a carrier.
    SHIPPED = "shipped", _("Shipped")
    # The recipient has everything.
    DELIVERED = "delivered", _("Delivered")
    # Stopped before any plant accepted work.
    CANCELLED = "cancelled", _("Cancelled")


_S = MerchantOrderStatus
MERCHANT_ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.DRAFT: frozenset({_S.CONFIRMED, _S.CANCELLED}),
    _S.CONFIRMED: frozenset({_S.IN_PRODUCTION, _S.CANCELLED}),
    _S.IN_PRODUCTION: frozenset({_S.SHIPPED}),
    _S.SHIPPED: frozenset({_S.DELIVERED}),
    _S.DELIVERED: frozenset(),
    _S.CANCELLED: frozenset(),
}

# The webhook a merchant receives when its order enters these statuses.
WEBHOOK_TYPES: dict[str, str] = {
    _S.IN_PRODUCTION: "order.accepted",
    _S.SHIPPED: "order.shipped",
    _S.DELIVERED: "order.delivered",
    _S.CANCELLED: "order.cancelled",
}
# Forward path after confirmation, in order (production's progress is followed along it).
PROGRESS = (_S.CONFIRMED, _S.IN_PRODUCTION, _S.SHIPPED, _S.DELIVERED)
