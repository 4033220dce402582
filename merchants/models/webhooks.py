from django.db import models

from .webhook_status import DeliveryStatus


class WebhookEndpoint(models.Model):
    """Where an account's events are POSTed, signed with ``secret`` (``whsec_…``)."""

    account = models.OneToOneField(
        "merchants.BusinessAccount", on_delete=models.CASCADE, related_name="webhook"
    )
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.url


class WebhookEvent(models.Model):
    """Something a merchant is told about: once per order and type, or once per
    capacity booking (by its number; production's, seen through orders) and type."""

    event_id = models.CharField(max_length=40, unique=True)
    account = models.ForeignKey(
        "merchants.BusinessAccount", on_delete=models.CASCADE, related_name="webhook_events"
    )
    order = models.ForeignKey(
        "merchants.MerchantOrder",
        on_delete=models.CASCADE,
        related_name="webhook_events",
        null=True,
        blank=True,
    )
    booking_number = models.CharField(max_length=20, blank=True)
    type = models.CharField(max_length=40)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "type"], name="merchant_event_once"),
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
    event = models.ForeignKey(WebhookEvent, on_delete=models.CASCADE, related_name="deliveries")
    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                condition=models.Q(status="pending"),
                name="merchant_delivery_due_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.endpoint_id} {self.status}"
