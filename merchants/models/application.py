from django.db import models
from django.utils.translation import gettext_lazy as _

from c2m.applications import (
    Application,
    ApplicationEmail,
    ApplicationEvent,
    one_pending_per_email,
)


class ExpectedVolume(models.TextChoices):
    SMALL = "under_100", _("Under 100 items a month")
    MEDIUM = "100_1000", _("100 to 1,000 items a month")
    LARGE = "1000_10000", _("1,000 to 10,000 items a month")
    HUGE = "over_10000", _("Over 10,000 items a month")


class BusinessApplication(Application):
    """A company's request for a business account, sent from the public sign-up page.

    Approving it (``business_application_approve``) creates the account; until then it
    is only a request, and it can reach nothing.
    """

    company_name = models.CharField(_("company name"), max_length=200)
    contact_name = models.CharField(_("contact name"), max_length=100)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=30)
    country = models.CharField(_("country"), max_length=2)
    province = models.CharField(_("province / state"), max_length=100)
    expected_volume = models.CharField(
        _("expected volume"), max_length=12, choices=ExpectedVolume.choices
    )
    tax_id = models.CharField(_("tax id"), max_length=40, blank=True)
    account = models.OneToOneField(
        "merchants.BusinessAccount",
        verbose_name=_("business account"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
    )

    class Meta(Application.Meta):
        verbose_name = _("business application")
        verbose_name_plural = _("business applications")
        constraints = [one_pending_per_email("business_application_one_pending_per_email")]

    def __str__(self) -> str:
        return f"{self.company_name} ({self.get_status_display()})"


class BusinessApplicationEvent(ApplicationEvent):
    application = models.ForeignKey(
        BusinessApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="events",
    )


class BusinessApplicationEmail(ApplicationEmail):
    application = models.ForeignKey(
        BusinessApplication,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="emails",
    )

    class Meta(ApplicationEmail.Meta):
        indexes = [
            models.Index(
                fields=["available_at"],
                condition=models.Q(status="pending"),
                name="business_app_email_due_idx",
            )
        ]
