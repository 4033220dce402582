from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .plant_application_status import PlantApplicationStatus


class PlantApplication(models.Model):
    """A plant's request to join the network, sent from the public partner page.

    ``work_centres`` is a list of ``{"type", "count", "minutes_per_day",
    "cost_per_minute"}``; ``materials`` maps a material to its cost per unit. Approving it
    (``plant_application_approve``) creates the ``Factory`` from these.
    """

    company_name = models.CharField(_("company name"), max_length=200)
    contact_name = models.CharField(_("contact name"), max_length=100)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30)
    country = models.CharField(_("country"), max_length=2, default="CN")
    province = models.CharField(_("province"), max_length=100)
    city = models.CharField(_("city"), max_length=100)
    address = models.TextField(_("address"), blank=True)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6)
    capabilities = models.JSONField(_("capabilities"), default=list)
    work_centres = models.JSONField(_("work centres"), default=list)
    materials = models.JSONField(_("materials"), default=dict, blank=True)
    shipping_per_parcel = models.DecimalField(
        _("shipping per parcel"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    payout_currency = models.CharField(_("payout currency"), max_length=3, default="CNY")
    # The language the contact applied in: every email to them is in it.
    language = models.CharField(_("language"), max_length=10, default="en")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PlantApplicationStatus.choices,
        default=PlantApplicationStatus.PENDING,
    )
    reject_reason = models.TextField(_("reason for rejection"), blank=True)
    factory = models.OneToOneField(
        "production.Factory",
        verbose_name=_("factory"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
    )
    decided_by = models.CharField(_("decided by"), max_length=100, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("plant application")
        verbose_name_plural = _("plant applications")

    def __str__(self) -> str:
        return f"{self.company_name}, {self.city} ({self.get_status_display()})"


class PlantApplicationEvent(models.Model):
    """One decision on an application: who, when, from which status to which."""

    application = models.ForeignKey(
        PlantApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    from_status = models.CharField(_("from status"), max_length=10)
    to_status = models.CharField(_("to status"), max_length=10)
    actor = models.CharField(_("actor"), max_length=100)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("application event")
        verbose_name_plural = _("application events")

    def __str__(self) -> str:
        return f"{self.application_id} {self.from_status}→{self.to_status}"
