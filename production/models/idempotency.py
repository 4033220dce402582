from django.db import models


class IdempotencyRecord(models.Model):
    """The first response to a factory's POST with an ``Idempotency-Key``, kept for replay.

    The unique constraint on (factory, key) is what makes a key act once: a concurrent
    duplicate's insert waits on the first one's uncommitted row, then replays its response.
    """

    factory = models.ForeignKey(
        "production.Factory", on_delete=models.CASCADE, related_name="idempotency_records"
    )
    key = models.CharField(max_length=255)
    # SHA-256 of method, path and the canonical request body.
    fingerprint = models.CharField(max_length=64)
    response_status = models.PositiveSmallIntegerField(null=True)
    # The response exactly as first rendered, so replays are byte-identical.
    response_body = models.TextField(blank=True)
    response_headers = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["factory", "key"], name="idempotency_key_unique")
        ]

    def __str__(self) -> str:
        return f"{self.factory_id}:{self.key}"
