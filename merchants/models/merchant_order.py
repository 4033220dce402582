from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .merchant_order_status import MerchantOrderStatus


class MerchantQuote(models.Model):
    """Prices, totals and a promised date per shipping method for the account's lines,
    valid until ``valid_until``. ``lines`` keep each line's stored configuration id."""

    public_id = models.CharField(_("public id"), max_length=40, unique=True)
    account = models.ForeignKey(
        "merchants.BusinessAccount",
        on_delete=models.CASCADE,
        related_name="quotes",
        verbose_name=_("account"),
    )
    sandbox = models.BooleanField(_("sandbox"), default=False)
    currency = models.CharField(_("currency"), max_length=3)
    ship_to = models.JSONField(_("ship to"))
    shipping_method = models.CharField(_("shipping method"), max_length=20)
    lines = models.JSONField(_("lines"))
    methods = models.JSONField(_("methods"))
    subtotal = models.DecimalField(_("subtotal"), max_digits=12, decimal_places=2)
    shipping_total = models.DecimalField(_("shipping total"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    promised_date = models.DateField(_("promised date"), null=True, blank=True)
    valid_until = models.DateTimeField(_("valid until"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("merchant quote")
        verbose_name_plural = _("merchant quotes")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.public_id


class MerchantOrder(models.Model):
    """A merchant's order: a draft until confirmed; confirming a live one places the
    platform order (``order``) through checkout, as the storefront does."""

    public_id = models.CharField(_("public id"), max_length=40, unique=True)
    account = models.ForeignKey(
        "merchants.BusinessAccount",
        on_delete=models.CASCADE,
        related_name="orders",
        verbose_name=_("account"),
    )
    sandbox = models.BooleanField(_("sandbox"), default=False)
    reference = models.CharField(_("reference"), max_length=64)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=MerchantOrderStatus.choices,
        default=MerchantOrderStatus.DRAFT,
    )
    quote = models.ForeignKey(
        MerchantQuote,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("quote"),
    )
    order = models.OneToOneField(
        "orders.Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merchant",
        verbose_name=_("order"),
    )
    ship_to = models.JSONField(_("ship to"))
    shipping_method = models.CharField(_("shipping method"), max_length=20)
    lines = models.JSONField(_("lines"))
    currency = models.CharField(_("currency"), max_length=3)
    subtotal = models.DecimalField(_("subtotal"), max_digits=12, decimal_places=2)
    shipping_total = models.DecimalField(
        _("shipping total"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    total = models.DecimalField(_("total"), max_digits=12, decimal_places=2)
    promised_date = models.DateField(_("promised date"), null=True, blank=True)
    # Parcels of a sandbox order, as the simulator ships them (live orders: the order's).
    sandbox_parcels = models.JSONField(_("sandbox parcels"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("merchant order")
        verbose_name_plural = _("merchant orders")
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
    order = models.ForeignKey(
        MerchantOrder, on_delete=models.CASCADE, related_name="events", verbose_name=_("order")
    )
    from_status = models.CharField(_("from status"), max_length=20, blank=True)
    to_status = models.CharField(_("to status"), max_length=20)
    actor = models.CharField(_("actor"), max_length=100)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("merchant order event")
        verbose_name_plural = _("merchant order events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.from_status}→{self.to_status}"


class MerchantIdempotencyRecord(models.Model):
    """The first response to a POST with this ``Idempotency-Key``, replayed for 24 h+."""

    account = models.ForeignKey(
        "merchants.BusinessAccount", on_delete=models.CASCADE, verbose_name=_("account")
    )
    key = models.CharField(_("key"), max_length=255)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.TextField(_("response body"), blank=True)
    response_headers = models.JSONField(_("response headers"), default=dict)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            models.UniqueConstraint(fields=["account", "key"], name="merchant_idempotency_once")
        ]

    def __str__(self) -> str:
        return self.key
