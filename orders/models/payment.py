from decimal import Decimal

from django.db import models

from .payment_status import PaymentStatus


class Payment(models.Model):
    """One attempt to collect an order's total through one provider."""

    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE, related_name="payments")
    provider = models.CharField(max_length=20)
    status = models.CharField(max_length=12, choices=PaymentStatus.choices)
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    captured_amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    refunded_amount = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    # The provider's id for this payment; webhooks name it.
    reference = models.CharField(max_length=80, db_index=True)
    # What may be shown to the customer: card brand and last four, invoice number.
    display = models.CharField(max_length=80, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "reference"], name="payment_provider_reference_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.reference} {self.status}"


class PaymentNotification(models.Model):
    """A verified webhook from a provider; the unique event id makes replays no-ops."""

    provider = models.CharField(max_length=20)
    event_id = models.CharField(max_length=100)
    type = models.CharField(max_length=60)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "event_id"], name="payment_notification_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider}:{self.event_id}"
