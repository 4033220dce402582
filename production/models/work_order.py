from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkOrderStatus(models.TextChoices):
    # Planned from an order line; waiting for the router.
    PENDING = "pending", _("Pending routing")
    # No factory can take it now; the reason is in the last routing event.
    UNROUTABLE = "unroutable", _("Unroutable")
    # Offered to one factory, capacity reserved, waiting for accept or decline.
    OFFERED = "offered", _("Offered")
    # The factory committed to make it (and now sees the shipping address).
    ACCEPTED = "accepted", _("Accepted")
    # Work has started on the shop floor.
    IN_PRODUCTION = "in_production", _("In production")
    # Quality control found a fault: rework or reprint it, then check it again.
    QC_FAILED = "qc_failed", _("QC failed")
    # Quality control passed; ready to ship.
    QC_PASSED = "qc_passed", _("QC passed")
    # Handed to a carrier (more parcels may follow).
    SHIPPED = "shipped", _("Shipped")
    # Every parcel reached the customer (reported by the plant or the carrier's tracking).
    DELIVERED = "delivered", _("Delivered")
    # Stopped; reserved capacity released.
    CANCELLED = "cancelled", _("Cancelled")


class Move(NamedTuple):
    """Where an event leads a work order."""

    to: str
    # Only for work orders whose recipe has no QC step (``WorkOrder.qc_required`` false).
    without_qc_only: bool = False


_S = WorkOrderStatus
# The work-order status machine, written once: from each status, the events allowed and the
# status each leads to. Factory events (the API's accept, decline, release and events
# actions), the router's and the operators' moves alike; ``work_order_transition`` is the
# only writer of ``WorkOrder.status`` and refuses anything not listed here.
WORK_ORDER_MOVES: dict[str, dict[str, Move]] = {
    _S.PENDING: {
        "offered": Move(_S.OFFERED),
        "unroutable": Move(_S.UNROUTABLE),
        "cancelled": Move(_S.CANCELLED),
    },
    _S.UNROUTABLE: {
        "rerouted": Move(_S.PENDING),
        "offered": Move(_S.OFFERED),
        "cancelled": Move(_S.CANCELLED),
    },
    # Back to pending on decline, timeout, withdrawal or a paused factory: offered elsewhere.
    _S.OFFERED: {
        "accepted": Move(_S.ACCEPTED),
        "declined": Move(_S.PENDING),
        "offer_expired": Move(_S.PENDING),
        "offer_withdrawn": Move(_S.PENDING),
        "rerouted": Move(_S.PENDING),
        "factory_unavailable": Move(_S.PENDING),
        "cancelled": Move(_S.CANCELLED),
    },
    # Accepted work cannot be declined: the factory saw the address. It may only release it
    # (audited, charged to its score) or lose it when it is paused before starting.
    _S.ACCEPTED: {
        "started": Move(_S.IN_PRODUCTION),
        "released": Move(_S.PENDING),
        "factory_unavailable": Move(_S.PENDING),
    },
    _S.IN_PRODUCTION: {
        "progress": Move(_S.IN_PRODUCTION),
        "qc_passed": Move(_S.QC_PASSED),
        "qc_failed": Move(_S.QC_FAILED),
        "shipped": Move(_S.SHIPPED, without_qc_only=True),
        "released": Move(_S.PENDING),
    },
    # Never shipped from here: back to production to repair it, or to make it again.
    _S.QC_FAILED: {
        "rework": Move(_S.IN_PRODUCTION),
        "reprint": Move(_S.IN_PRODUCTION),
        "released": Move(_S.PENDING),
    },
    # A last check before packing may still fail it.
    _S.QC_PASSED: {
        "shipped": Move(_S.SHIPPED),
        "qc_failed": Move(_S.QC_FAILED),
    },
    # Further parcels of the same work order; a parcel delivered while others are still on
    # their way; the last parcel delivered (``shipment_delivered`` picks which).
    _S.SHIPPED: {
        "shipped": Move(_S.SHIPPED),
        "parcel_delivered": Move(_S.SHIPPED),
        "delivered": Move(_S.DELIVERED),
    },
    # Final: a repeated delivery report is answered without a move.
    _S.DELIVERED: {},
    _S.CANCELLED: {},
}

# What a factory reports through the API's events action (the other moves have their own
# action, or belong to the router and the operators).
FACTORY_EVENTS = (
    "started",
    "progress",
    "qc_passed",
    "qc_failed",
    "rework",
    "reprint",
    "shipped",
    "delivered",
)


def work_order_moves(status: str, *, qc_required: bool = True) -> dict[str, str]:
    """The events allowed from ``status`` and the status each leads to."""
    return {
        event: move.to
        for event, move in WORK_ORDER_MOVES.get(status, {}).items()
        if not (move.without_qc_only and qc_required)
    }


# Status to the statuses it may become (for QC-checked work orders), derived from the moves.
WORK_ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(move.to for move in moves.values())
    for status, moves in WORK_ORDER_MOVES.items()
}


# Statuses in which the assigned factory is shown the shipping address.
ADDRESS_VISIBLE = frozenset(
    {_S.ACCEPTED, _S.IN_PRODUCTION, _S.QC_FAILED, _S.QC_PASSED, _S.SHIPPED, _S.DELIVERED}
)


class SnapshotField(models.JSONField):
    """A JSON field for large documents written in bulk.

    Django's PostgreSQL ``bulk_create`` packs columns into ``UNNEST`` arrays, and psycopg's
    client-side array quoting escapes every ``"`` of a large JSON text in Python: planning
    10,000 orders spent most of its time there. Declaring a placeholder makes Django use a
    plain ``VALUES`` list, whose strings libpq escapes in C.
    """

    def get_placeholder(self, value, compiler, connection) -> str:
        return "%s"


class WorkOrder(models.Model):
    """What one factory makes for one order line (or one part of it), frozen at planning."""

    number = models.CharField(max_length=40, unique=True)
    order_id = models.BigIntegerField(db_index=True)
    order_number = models.CharField(max_length=20, db_index=True)
    order_line_id = models.BigIntegerField()
    # 1 unless routing split the line's quantity across plants.
    part = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        max_length=16, choices=WorkOrderStatus.choices, default=WorkOrderStatus.PENDING
    )
    factory = models.ForeignKey(
        "production.Factory",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_orders",
    )
    product_sku = models.CharField(max_length=64)
    product_name = models.CharField(max_length=200)
    quantity = models.PositiveIntegerField()
    due_date = models.DateField()
    required_capabilities = models.JSONField(default=list)
    # Configuration, summary, bill of materials, operations and files: never edited.
    snapshot = SnapshotField()
    ship_to = models.JSONField(default=dict)
    content_hash = models.CharField(max_length=64, db_index=True)
    # Bumped on every change; the factory API's ETag and If-Match.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order_line_id", "part"], name="one_work_order_per_line_part"
            )
        ]
        indexes = [models.Index(fields=["factory", "status", "updated_at"])]

    def __str__(self) -> str:
        return self.number

    @property
    def qc_required(self) -> bool:
        """False only when the recipe compiled for it has no QC step (said in the snapshot);
        then the factory may ship straight from production."""
        return (self.snapshot or {}).get("qc_required", True) is not False

    def address_visible_to_factory(self) -> bool:
        """The customer's address is the factory's business only once it committed."""
        return self.status in ADDRESS_VISIBLE

    def moves(self) -> dict[str, str]:
        """The events allowed now and the status each leads to."""
        return work_order_moves(self.status, qc_required=self.qc_required)


class WorkOrderEvent(models.Model):
    """Who moved a work order from what to what, when, and with which data."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=30)
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16, blank=True)
    actor = models.CharField(max_length=100)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.work_order_id} {self.type}"


class ParcelStatus(models.TextChoices):
    # Handed to the carrier, on its way.
    IN_TRANSIT = "in_transit", _("In transit")
    # With the courier for the last mile.
    OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
    # Handed to the customer; final.
    DELIVERED = "delivered", _("Delivered")


# Parcel statuses in the only order they may be reached (tracking never moves back).
PARCEL_PROGRESS = (ParcelStatus.IN_TRANSIT, ParcelStatus.OUT_FOR_DELIVERY, ParcelStatus.DELIVERED)


class Shipment(models.Model):
    """One parcel of a work order, with the carrier's tracking of it."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="shipments")
    carrier = models.CharField(max_length=60)
    tracking_number = models.CharField(max_length=80)
    packages = models.JSONField(default=list, blank=True)
    # Written only by ``production.services.delivery``.
    tracking_status = models.CharField(
        max_length=20, choices=ParcelStatus.choices, default=ParcelStatus.IN_TRANSIT
    )
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["work_order", "carrier", "tracking_number"], name="shipment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.carrier} {self.tracking_number}"


class AddressReveal(models.Model):
    """The first time a factory was shown a work order's shipping address (once per pair).

    Written by ``work_order_address_revealed`` whenever the factory API or the admin shows
    the address to the factory; a release says whether and when the plant saw it.
    """

    work_order = models.ForeignKey(
        WorkOrder, on_delete=models.CASCADE, related_name="address_reveals"
    )
    factory = models.ForeignKey(
        "production.Factory", on_delete=models.CASCADE, related_name="address_reveals"
    )
    # Where it was shown: "api" or "admin".
    via = models.CharField(max_length=20)
    revealed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["work_order", "factory"], name="one_address_reveal_per_factory"
            )
        ]

    def __str__(self) -> str:
        return f"{self.work_order_id} seen by {self.factory_id}"
