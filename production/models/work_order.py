from django.db import models
from django.utils.translation import gettext_lazy as _

from .parcel_status import ParcelStatus
from .work_order_status import ADDRESS_VISIBLE, WorkOrderStatus, work_order_moves


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
    # Express production was sold with the line: made in the plant's express lane, due on
    # the earlier date express bought, and listed first to the plant.
    express = models.BooleanField(_("express production"), default=False)
    required_capabilities = models.JSONField(default=list)
    # Configuration, summary, bill of materials, operations and files: never edited.
    snapshot = SnapshotField()
    ship_to = models.JSONField(default=dict)
    content_hash = models.CharField(max_length=64, db_index=True)
    # The plant's payout for this work order as the router costed it when it was offered
    # (its rate card: minutes per work centre x rate + materials, plus shipping), and
    # when the offer lapses. Frozen at the offer; a later offer writes its own.
    payout_amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    payout_currency = models.CharField(max_length=3, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    # Set on a reprint: the customer's claim it makes good (its progress goes to the claim).
    claim_number = models.CharField(max_length=20, blank=True, default="")
    # kg CO2e by part (materials, energy, transport) and the factors used: estimated when
    # it is offered to a plant, energy replaced when the plant reports measured kWh.
    carbon = models.JSONField(default=dict, blank=True)
    # Bumped on every change; the factory API's ETag and If-Match.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order_line_id", "part"], name="one_work_order_per_line_part"
            ),
            # One reprint per claim (its parts, if routing splits it, share the claim).
            models.UniqueConstraint(
                fields=["claim_number", "part"],
                condition=~models.Q(claim_number=""),
                name="one_reprint_per_claim",
            ),
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
