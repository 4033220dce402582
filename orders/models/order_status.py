"""The order status machine, written once: its statuses, the moves between them, the codes
of the order's timeline events, and the sets of statuses the rest of the code asks about.

``orders.services.orders.order_move`` is the only writer of ``Order.status``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderStatus(models.TextChoices):
    # Placed but not yet paid (invoice orders wait here for an operator).
    PENDING_PAYMENT = "pending_payment", _("Awaiting payment")
    # Paid; production is being planned and routed.
    PLACED = "placed", _("Placed")
    # At least one factory has accepted work for this order.
    IN_PRODUCTION = "in_production", _("In production")
    # Some work orders shipped, others still in production.
    PARTIALLY_SHIPPED = "partially_shipped", _("Partially shipped")
    # Every work order shipped.
    SHIPPED = "shipped", _("Shipped")
    # The customer has everything.
    DELIVERED = "delivered", _("Delivered")
    # Stopped before any factory accepted work.
    CANCELLED = "cancelled", _("Cancelled")


_S = OrderStatus
ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING_PAYMENT: frozenset({_S.PLACED, _S.CANCELLED}),
    _S.PLACED: frozenset({_S.IN_PRODUCTION, _S.PARTIALLY_SHIPPED, _S.SHIPPED, _S.CANCELLED}),
    _S.IN_PRODUCTION: frozenset({_S.PARTIALLY_SHIPPED, _S.SHIPPED}),
    _S.PARTIALLY_SHIPPED: frozenset({_S.SHIPPED}),
    _S.SHIPPED: frozenset({_S.DELIVERED}),
    _S.DELIVERED: frozenset(),
    _S.CANCELLED: frozenset(),
}

# Statuses in which a broken promise is no longer news.
PROMISE_SETTLED = frozenset({_S.CANCELLED, _S.SHIPPED, _S.DELIVERED})
# No factory has accepted any of its work yet: the customer may still change their mind.
CANCELLABLE = frozenset({_S.PENDING_PAYMENT, _S.PLACED})
# Orders that are not sales (yet, or any more): the dashboard leaves them out.
NOT_SALES = (_S.PENDING_PAYMENT, _S.CANCELLED)
# A paid order's way forward, in order: production never moves an order backwards.
PROGRESS = (_S.PLACED, _S.IN_PRODUCTION, _S.PARTIALLY_SHIPPED, _S.SHIPPED, _S.DELIVERED)


class OrderEventCode(models.TextChoices):
    """What ``OrderEvent.code`` says happened; a status change's code is its new status."""

    # Written with the order (awaiting payment).
    PLACED = "placed", _("Placed")
    # The money arrived: pending payment → placed.
    PAID = "paid", _("Paid")
    # A captured payment was given back (a note, no move).
    REFUNDED = "refunded", _("Refunded")
    # Money captured for an order cancelled before it arrived (an invoice paid late): a
    # note for operators to give it back, no move.
    PAID_AFTER_CANCELLATION = "paid_after_cancellation", _("Paid after cancellation")
    # Production's word on the promised date (no move).
    PROMISE_BROKEN = "promise_broken", _("Promise broken")
    PROMISE_REVISED = "promise_revised", _("Promise revised")
    PROMISE_RESTORED = "promise_restored", _("Promise restored")
    # Production milestones, named as production reports them through the feedback seam.
    OFFERED = "offered", _("Offered")
    ACCEPTED = "accepted", _("Accepted")
    STARTED = "started", _("Started")
    QC_PASSED = "qc_passed", _("QC passed")
    SHIPPED = "shipped", _("Shipped")
    PARCEL_DELIVERED = "parcel_delivered", _("Parcel delivered")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


# Work-order statuses as production reports them through the feedback seam (orders never
# imports production; tests/orders/test_order_status.py checks they are production's own).
# The order's status is derived from them.
WORK_CANCELLED = "cancelled"
WORK_DELIVERED = "delivered"
# Handed to a carrier, or already delivered.
WORK_SENT = frozenset({"shipped", WORK_DELIVERED})
# A plant committed to it and is making it.
WORK_IN_HAND = frozenset({"accepted", "in_production", "qc_failed", "qc_passed"})
