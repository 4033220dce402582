"""The merchant webhook delivery status machine.

``merchants.services.webhooks.webhook_delivery_move`` is its only writer."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    # Waiting for its (next) attempt.
    PENDING = "pending", _("Pending")
    # The endpoint answered 2xx.
    DELIVERED = "delivered", _("Delivered")
    # Gave up after the last attempt.
    FAILED = "failed", _("Failed")


DELIVERY_TRANSITIONS: dict[str, frozenset[str]] = {
    DeliveryStatus.PENDING: frozenset(
        {DeliveryStatus.PENDING, DeliveryStatus.DELIVERED, DeliveryStatus.FAILED}
    ),
    DeliveryStatus.DELIVERED: frozenset(),
    DeliveryStatus.FAILED: frozenset(),
}
