from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SharedRule(models.Model):
    """A configurator rule defined once and referenced by id from several products."""

    code = models.SlugField(max_length=64, unique=True)
    definition = models.JSONField(help_text=_("The rule as the configurator reads it."))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Product(models.Model):
    """A customizable product; its options, rules and prices are the configurator definition."""

    sku = models.SlugField(_("SKU"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    image = models.CharField(_("image path"), max_length=300, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    base_price = models.DecimalField(
        _("base price"), max_digits=12, decimal_places=2, default=Decimal("0")
    )
    # The configurator's product definition (options, rules, prices); see configurator.
    definition = models.JSONField(_("configurator definition"), default=dict)
    # Bumped on every definition change; configurations keep the version they were made with.
    definition_version = models.PositiveIntegerField(_("definition version"), default=1)
    default_lead_days = models.PositiveSmallIntegerField(_("default lead time (days)"), default=7)
    is_active = models.BooleanField(_("on sale"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("product")
        verbose_name_plural = _("products")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("orders:product", kwargs={"sku": self.sku})
