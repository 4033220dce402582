from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from c2m.applications import (
    Application,
    ApplicationEmail,
    ApplicationEvent,
    one_pending_per_email,
)


class PlantApplication(Application):
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
    factory = models.OneToOneField(
        "production.Factory",
        verbose_name=_("factory"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
    )

    class Meta(Application.Meta):
        verbose_name = _("plant application")
        verbose_name_plural = _("plant applications")
        constraints = [one_pending_per_email("plant_application_one_pending_per_email")]

    def __str__(self) -> str:
        return f"{self.company_name}, {self.city} ({self.get_status_display()})"


class PlantApplicationEvent(ApplicationEvent):
    application = models.ForeignKey(
        PlantApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="events",
    )


class PlantApplicationEmail(ApplicationEmail):
    application = models.ForeignKey(
        PlantApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="emails",
    )

    class Meta(ApplicationEmail.Meta):
        indexes = [
            models.Index(
                fields=["available_at"],
                condition=models.Q(status="pending"),
                name="plant_app_email_due_idx",
            )
        ]
