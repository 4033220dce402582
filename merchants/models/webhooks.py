from django.db import models
from django.utils.translation import gettext_lazy as _

from .webhook_status import DeliveryStatus


class WebhookEndpoint(models.Model):
    """Where an account's events are POSTed, signed with ``secret`` (``whsec_…``)."""

    account = models.OneToOneField(
        "merchants.BusinessAccount",
        on_delete=models.CASCADE,
        related_name="webhook",
        verbose_name=_("account"),
    )
    url = models.URLField(_("url"), max_length=500)
    secret = models.CharField(_("secret"), max_length=80)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")

    def __str__(self) -> str:
        return self.url


class WebhookEvent(models.Model):
    """Something a merchant is told about: an order's move once per order and type, a
    claim's news (``claim.updated``) once per entry of the claim's timeline, or a capacity
    booking's answer once per booking (by its number; production's, seen through orders)
    and type."""

    event_id = models.CharField(_("event id"), max_length=40, unique=True)
    account = models.ForeignKey(
        "merchants.BusinessAccount",
        on_delete=models.CASCADE,
        related_name="webhook_events",
        verbose_name=_("account"),
    )
    order = models.ForeignKey(
        "merchants.MerchantOrder",
        on_delete=models.CASCADE,
        related_name="webhook_events",
        verbose_name=_("order"),
        null=True,
        blank=True,
    )
    booking_number = models.CharField(_("booking number"), max_length=20, blank=True)
    type = models.CharField(_("type"), max_length=40)
    # The claim timeline entry a ``claim.updated`` event tells of (None for order moves).
    claim_event = models.OneToOneField(
        "orders.ClaimEvent",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("claim event"),
    )
    payload = models.JSONField(_("payload"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order", "type"],
                condition=models.Q(claim_event__isnull=True),
                name="merchant_event_once",
            ),
            models.UniqueConstraint(
                fields=["booking_number", "type"],
                condition=~models.Q(booking_number=""),
                name="merchant_booking_event_once",
            ),
            models.CheckConstraint(
                condition=models.Q(order__isnull=False) | ~models.Q(booking_number=""),
                name="merchant_event_about_something",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"


class WebhookDelivery(models.Model):
    event = models.ForeignKey(
        WebhookEvent, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("event")
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="+", verbose_name=_("endpoint")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"))
    last_error = models.CharField(_("last error"), max_length=300, blank=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="merchant_delivery_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.endpoint_id} {self.status}"
