from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .factory_status import FactoryStatus


class Capability(models.Model):
    """An operation a plant can perform, such as ``dtg_print`` or ``laser_engrave``."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = _("capabilities")

    def __str__(self) -> str:
        return self.code


class Factory(models.Model):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    city = models.CharField(max_length=100)
    country = models.CharField(max_length=2, help_text="ISO 3166-1 alpha-2")
    address = models.TextField(blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, default=Decimal("0"))
    longitude = models.DecimalField(max_digits=9, decimal_places=6, default=Decimal("0"))
    status = models.CharField(
        max_length=12, choices=FactoryStatus.choices, default=FactoryStatus.ACTIVE
    )
    capabilities = models.ManyToManyField(Capability, related_name="factories", blank=True)
    max_open_work_orders = models.PositiveIntegerField(default=200)
    # Priority production: the first days of its published capacity (from today) that the
    # plant holds for express work; standard work is planned after them. 0: no express lane.
    express_days = models.PositiveSmallIntegerField(
        _("express lane (days)"),
        default=0,
        help_text=_(
            "Days of capacity, from today, kept for express production; standard work is "
            "planned after them. 0: this plant offers no express production."
        ),
    )
    offer_sla_hours = models.PositiveSmallIntegerField(default=4)
    # The currency of its rate card, its payouts and its statement (ISO 4217).
    payout_currency = models.CharField(max_length=3, default="CNY")
    # Set by operators: how far a counter-offer may go above the offered payout (percent)
    # and beyond the planned delivery (days). Both 0: the plant may not counter.
    counter_max_markup_pct = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal("0")
    )
    counter_max_delay_days = models.PositiveSmallIntegerField(default=0)
    quality_score = models.DecimalField(max_digits=4, decimal_places=3, default=Decimal("0.9"))
    # Rates and counts behind quality_score, written by factory_quality_refresh.
    quality_details = models.JSONField(default=dict, blank=True)
    # Where parcels leave from, when not the factory's own coordinates (a warehouse).
    ship_from_latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    ship_from_longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = _("factories")

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    @property
    def shipping_origin(self) -> tuple[float, float]:
        """(latitude, longitude) parcels leave from; the factory itself by default."""
        if self.ship_from_latitude is not None and self.ship_from_longitude is not None:
            return float(self.ship_from_latitude), float(self.ship_from_longitude)
        return float(self.latitude), float(self.longitude)


class FactoryApiKey(models.Model):
    """A factory's credential for the factory API. Only a hash of the secret is kept."""

    factory = models.ForeignKey(Factory, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["factory", "-created_at"]
        verbose_name = _("factory API key")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
