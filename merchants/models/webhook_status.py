"""The merchant webhook delivery status machine.

``merchants.services.webhooks.webhook_delivery_move`` is its only writer."""

from django.db import models


class DeliveryStatus(models.TextChoices):
    # Waiting for its (next) attempt.
    PENDING = "pending", "Pending"
    # The endpoint answered 2xx.
    DELIVERED = "delivered", "Delivered"
    # Gave up after the last attempt.
    FAILED = "failed", "Failed"


DELIVERY_TRANSITIONS: dict[str, frozenset[str]] = {
    DeliveryStatus.PENDING: frozenset(
        {DeliveryStatus.PENDING, DeliveryStatus.DELIVERED, DeliveryStatus.FAILED}
    ),
    DeliveryStatus.DELIVERED: frozenset(),
    DeliveryStatus.FAILED: frozenset(),
}
