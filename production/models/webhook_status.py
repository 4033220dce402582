"""The status machine of one push-webhook delivery.

``production.services.webhooks.webhook_delivery_transition`` is the only writer of
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
# Status to the statuses it may become: an attempt reaches the endpoint, or fails and waits
# for the next one, or, the last one failing, gives up. Delivered and failed are final (the
# factory deduplicates by event id, and it can always poll the feed).
DELIVERY_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.PENDING, _S.DELIVERED, _S.FAILED}),
    _S.DELIVERED: frozenset(),
    _S.FAILED: frozenset(),
}
