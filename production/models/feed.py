from django.db import models


class FactoryFeedEntry(models.Model):
    """One change to one of a factory's work orders, numbered per factory.

    ``seq`` is assigned under a lock on the factory's feed (see ``factory_feed_append``), so
    within a factory it grows in commit order and a reader never sees it go backwards.
    """

    factory = models.ForeignKey(
        "production.Factory", on_delete=models.CASCADE, related_name="feed_entries"
    )
    seq = models.PositiveBigIntegerField()
    work_order = models.ForeignKey(
        "production.WorkOrder", on_delete=models.CASCADE, related_name="feed_entries"
    )
    event = models.CharField(max_length=30)
    status = models.CharField(max_length=16)
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["factory", "seq"]
        constraints = [models.UniqueConstraint(fields=["factory", "seq"], name="feed_seq_unique")]
        verbose_name_plural = "factory feed entries"

    def __str__(self) -> str:
        return f"{self.factory_id}#{self.seq} {self.event}"


class FactoryFeedHead(models.Model):
    """The last sequence number handed out for a factory; its row lock orders the feed."""

    factory = models.OneToOneField(
        "production.Factory", on_delete=models.CASCADE, primary_key=True, related_name="feed_head"
    )
    last_seq = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.factory_id}@{self.last_seq}"
