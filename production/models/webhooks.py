from django.db import models

from .webhook_status import DeliveryStatus


class FactoryWebhook(models.Model):
    """Where a factory wants its feed entries pushed; polling stays the baseline."""

    factory = models.OneToOneField(
        "production.Factory", on_delete=models.CASCADE, related_name="webhook"
    )
    url = models.URLField(max_length=500)
    # Shared HMAC secret, shown to the factory once when the webhook is registered.
    secret = models.CharField(max_length=64)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.factory_id} → {self.url}"


class WebhookDelivery(models.Model):
    """One signed event to push, written in the same transaction as its feed entry."""

    webhook = models.ForeignKey(FactoryWebhook, on_delete=models.CASCADE, related_name="deliveries")
    # The event id the factory deduplicates by.
    event_id = models.UUIDField(unique=True)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_error = models.CharField(max_length=300, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhook_due_idx")]
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event_id} {self.status}"
