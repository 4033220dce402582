from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .order_status import CANCELLABLE, PROMISE_SETTLED, OrderStatus

if TYPE_CHECKING:
    from .catalog import Product


class Order(models.Model):
    number = models.CharField(_("number"), max_length=20, unique=True)
    customer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="orders",
    )
    email = models.EmailField(_("contact email"))
    status = models.CharField(
        _("status"), max_length=20, choices=OrderStatus.choices, default=OrderStatus.PLACED
    )
    currency = models.CharField(max_length=3, default="CNY")
    subtotal = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    shipping_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    ship_to = models.JSONField(_("shipping address"), default=dict)
    shipping_method = models.CharField(_("shipping method"), max_length=20, blank=True)
    payment_provider = models.CharField(_("payment provider"), max_length=20, blank=True)
    language = models.CharField(max_length=10, default="en")
    # Random secret of the signed tracking link that guests receive by email.
    tracking_token = models.CharField(max_length=64, unique=True)
    # Replaying a checkout with the same key returns this order instead of a second one.
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    promised_date = models.DateField(null=True, blank=True)
    # What the promise was sold with: method, destination, and per line the plant,
    # finishing day and transit days the promise engine counted (empty: not computed).
    promise_basis = models.JSONField(default=dict, blank=True)
    # Set when production reports the promise cannot be kept (once per break): when the
    # customer was told, the revised date (None: no plant can make it now) and why.
    promise_broken_at = models.DateTimeField(null=True, blank=True)
    promise_revised_date = models.DateField(null=True, blank=True)
    promise_break_reason = models.CharField(max_length=40, blank=True)
    # kg CO2e per work order as production reports it ({number: {materials_kg, energy_kg,
    # transport_kg, total_kg, energy_measured}}), written only by production_feedback.
    footprint = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["customer", "-created_at"])]
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("orders:order", kwargs={"number": self.number})

    @property
    def promise_broken(self) -> bool:
        return self.promise_broken_at is not None and self.status not in PROMISE_SETTLED

    def can_cancel(self) -> bool:
        """True until a factory accepts work (which moves the order into production)."""
        return self.status in CANCELLABLE


class OrderLine(models.Model):
    """What was bought, frozen at checkout: name, unit price and the full configuration."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveSmallIntegerField()
    product_sku = models.CharField(max_length=64)
    product_name = models.CharField(max_length=200)
    # The name in Chinese when the product had one (pages show ``localized:"product_name"``).
    product_name_zh = models.CharField(max_length=200, blank=True, default="")
    configuration_hash = models.CharField(max_length=64)
    configuration = models.JSONField()
    configuration_summary = models.JSONField(default=list)
    preflight = models.JSONField(default=dict, blank=True)
    quantity = models.PositiveIntegerField()
    unit_price = models.DecimalField(max_digits=12, decimal_places=2)
    line_total = models.DecimalField(max_digits=12, decimal_places=2)
    price_breakdown = models.JSONField(default=list)
    # Months of warranty from delivery it was sold with (the product's plus extensions).
    warranty_months = models.PositiveSmallIntegerField(default=0)
    # Days after delivery it may be returned (0: never) and why not ("personalised",
    # "not_returnable"): the catalog's return policy when it was sold.
    return_days = models.PositiveSmallIntegerField(default=0)
    return_refusal = models.CharField(max_length=20, blank=True, default="")
    # Express production was sold with it: the earlier date it bought (None: standard).
    express_date = models.DateField(_("express production by"), null=True, blank=True)
    # Set by orders.selectors.catalog.line_products_load, not stored.
    catalog_product: "Product | None"

    class Meta:
        ordering = ["order", "line_no"]
        constraints = [
            models.UniqueConstraint(fields=["order", "line_no"], name="order_line_no_unique"),
            models.CheckConstraint(condition=models.Q(quantity__gte=1), name="line_quantity_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}/{self.line_no} {self.product_name} ×{self.quantity}"


class OrderEvent(models.Model):
    """One entry of the order's timeline: a status change or a production milestone."""

    class Kind(models.TextChoices):
        STATUS = "status", _("Status change")
        PRODUCTION = "production", _("Production")
        NOTE = "note", _("Note")

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    code = models.CharField(max_length=40, help_text="e.g. placed, routed, accepted, shipped")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.CharField(max_length=100)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.code}"


class OrderShipment(models.Model):
    """A parcel on its way to the customer, as reported by the plant that shipped it."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="shipments")
    work_order_number = models.CharField(max_length=40)
    carrier = models.CharField(max_length=60)
    tracking_number = models.CharField(max_length=80)
    origin_city = models.CharField(max_length=100, blank=True)
    origin_city_zh = models.CharField(max_length=100, blank=True, default="")
    packages = models.JSONField(default=list, blank=True)
    # What is inside: the work orders packed in it, each ``{"work_order", "line_id",
    # "quantity"}`` (``line_id`` None for parcels reported before lines were named).
    contents = models.JSONField(default=list, blank=True)
    shipped_at = models.DateTimeField()
    # Set once, when the plant or the carrier's tracking reports the parcel delivered.
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    # The "on its way" email waits until ``announce_after`` for the other work orders
    # packed in the same parcel to be reported, then is sent once (``announced_at``).
    announce_after = models.DateTimeField(null=True, blank=True)
    announced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["shipped_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "carrier", "tracking_number"], name="order_shipment_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.carrier} {self.tracking_number}"
