from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkOrderStatus(models.TextChoices):
    # Planned from an order line; waiting for the router.
    PENDING = "pending", _("Pending routing")
    # No factory can take it now; the reason is in the last routing event.
    UNROUTABLE = "unroutable", _("Unroutable")
    # Offered to one factory, capacity reserved, waiting for accept or decline.
    OFFERED = "offered", _("Offered")
    # The factory committed to make it.
    ACCEPTED = "accepted", _("Accepted")
    # Work has started on the shop floor.
    IN_PRODUCTION = "in_production", _("In production")
    # Quality control passed; ready to ship.
    QC_PASSED = "qc_passed", _("QC passed")
    # Handed to a carrier (more parcels may follow).
    SHIPPED = "shipped", _("Shipped")
    # Stopped; reserved capacity released.
    CANCELLED = "cancelled", _("Cancelled")


_S = WorkOrderStatus
WORK_ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.OFFERED, _S.UNROUTABLE, _S.CANCELLED}),
    _S.UNROUTABLE: frozenset({_S.PENDING, _S.OFFERED, _S.CANCELLED}),
    # Back to pending on decline or offer timeout: the router offers it elsewhere.
    _S.OFFERED: frozenset({_S.ACCEPTED, _S.PENDING, _S.CANCELLED}),
    # Back to pending only when its factory is paused or offboarded before starting it.
    _S.ACCEPTED: frozenset({_S.IN_PRODUCTION, _S.SHIPPED, _S.PENDING}),
    # QC failure keeps it in production (rework); the event records why.
    _S.IN_PRODUCTION: frozenset({_S.IN_PRODUCTION, _S.QC_PASSED, _S.SHIPPED}),
    _S.QC_PASSED: frozenset({_S.IN_PRODUCTION, _S.SHIPPED}),
    # Further parcels of the same work order.
    _S.SHIPPED: frozenset({_S.SHIPPED}),
    _S.CANCELLED: frozenset(),
}


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


class Shipment(models.Model):
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="shipments")
    carrier = models.CharField(max_length=60)
    tracking_number = models.CharField(max_length=80)
    packages = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["work_order", "carrier", "tracking_number"], name="shipment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.carrier} {self.tracking_number}"
