from decimal import Decimal

from django.db import models

from .merchant_order_status import MerchantOrderStatus


class MerchantQuote(models.Model):
    """Prices, totals and a promised date per shipping method for the account's lines,
    valid until ``valid_until``. ``lines`` keep each line's stored configuration id."""

    public_id = models.CharField(max_length=40, unique=True)
    account = models.ForeignKey(
        "merchants.BusinessAccount", on_delete=models.CASCADE, related_name="quotes"
    )
    sandbox = models.BooleanField(default=False)
    currency = models.CharField(max_length=3)
    ship_to = models.JSONField()
    shipping_method = models.CharField(max_length=20)
    lines = models.JSONField()
    methods = models.JSONField()
    subtotal = models.DecimalField(max_digits=12, decimal_places=2)
    shipping_total = models.DecimalField(max_digits=12, decimal_places=2)
    total = models.DecimalField(max_digits=12, decimal_places=2)
    promised_date = models.DateField(null=True, blank=True)
    valid_until = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.public_id


class MerchantOrder(models.Model):
    """A merchant's order: a draft until confirmed; confirming a live one places the
    platform order (``order``) through checkout, as the storefront does."""

    public_id = models.CharField(max_length=40, unique=True)
    account = models.ForeignKey(
        "merchants.BusinessAccount", on_delete=models.CASCADE, related_name="orders"
    )
    sandbox = models.BooleanField(default=False)
    reference = models.CharField(max_length=64)
    status = models.CharField(
        max_length=20, choices=MerchantOrderStatus.choices, default=MerchantOrderStatus.DRAFT
    )
    quote = models.ForeignKey(
        MerchantQuote, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    order = models.OneToOneField(
        "orders.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="merchant"
    )
    ship_to = models.JSONField()
    shipping_method = models.CharField(max_length=20)
    lines = models.JSONField()
    currency = models.CharField(max_length=3)
    subtotal = models.DecimalField(max_digits=12, decimal_places=2)
    shipping_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    total = models.DecimalField(max_digits=12, decimal_places=2)
    promised_date = models.DateField(null=True, blank=True)
    # Parcels of a sandbox order, as the simulator ships them (live orders: the order's).
    sandbox_parcels = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "reference"], name="merchant_reference_unique"
            )
        ]
        indexes = [models.Index(fields=["status"], name="merchant_order_status_idx")]

    def __str__(self) -> str:
        return f"{self.public_id} ({self.reference})"


class MerchantOrderEvent(models.Model):
    order = models.ForeignKey(MerchantOrder, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.CharField(max_length=100)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.from_status}→{self.to_status}"


class MerchantIdempotencyRecord(models.Model):
    """The first response to a POST with this ``Idempotency-Key``, replayed for 24 h+."""

    account = models.ForeignKey("merchants.BusinessAccount", on_delete=models.CASCADE)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True)
    response_body = models.TextField(blank=True)
    response_headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["account", "key"], name="merchant_idempotency_once")
        ]

    def __str__(self) -> str:
        return self.key
