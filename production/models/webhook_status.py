"""The status machine of one push-webhook delivery.

``production.services.webhooks.webhook_delivery_move`` is the only writer of
``WebhookDelivery.status``.
"""

from django.db import models


class DeliveryStatus(models.TextChoices):
    # Waiting for its (next) attempt.
    PENDING = "pending", "Pending"
    # The endpoint answered 2xx.
    DELIVERED = "delivered", "Delivered"
    # Gave up after the last retry; visible to operators.
    FAILED = "failed", "Failed"


_S = DeliveryStatus
# Status to the statuses it may become: an attempt either reaches the endpoint or, the last
# one failing, gives up. Both outcomes are final (the factory deduplicates by event id, and
# it can always poll the feed).
DELIVERY_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.DELIVERED, _S.FAILED}),
    _S.DELIVERED: frozenset(),
    _S.FAILED: frozenset(),
}
