from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """A message to another part of the platform, written in the transaction that causes it.

    The relay sends every row not yet ``processed_at`` whose ``available_at`` has come,
    pushing ``available_at`` back each time; the consumer marks it processed when done.
    Delivery is therefore at least once, and consumers are idempotent.
    """

    topic = models.CharField(max_length=60)
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    available_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    processed_at = models.DateTimeField(null=True, blank=True)
    # The web request that wrote it (c2m.request_id): its id follows the message into the
    # worker's log lines, however late the relay sends it.
    request_id = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        indexes = [
            models.Index(
                fields=["available_at"],
                condition=models.Q(processed_at__isnull=True),
                name="outbox_pending_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic}#{self.pk}"
