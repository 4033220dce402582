from django.db import models
from django.utils.translation import gettext_lazy as _


class RoutingOutcome(models.TextChoices):
    # Offered whole to one factory.
    OFFERED = "offered", _("Offered")
    # Split into parts offered to several factories.
    SPLIT = "split", _("Split")
    # No factory could take it; the reason is in reason_code.
    UNROUTABLE = "unroutable", _("Unroutable")
    # The optimizer chose a factory but another run took the capacity first; still pending.
    DEFERRED = "deferred", _("Deferred to the next run")


class RoutingDecision(models.Model):
    """Why one routing run did what it did with one work order: every candidate, costed."""

    work_order = models.ForeignKey(
        "production.WorkOrder", on_delete=models.CASCADE, related_name="routing_decisions"
    )
    run_id = models.CharField(max_length=32, db_index=True)
    outcome = models.CharField(max_length=12, choices=RoutingOutcome.choices)
    chosen_factory = models.ForeignKey(
        "production.Factory",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="routing_decisions",
    )
    # [{"factory", "quantity", "production_cost", ..., "delivery_day"}], one per part.
    assignments = models.JSONField(default=list, blank=True)
    # [{"factory", "production_cost", ..., "total", "chosen", "why"}], cheapest first.
    candidates = models.JSONField(default=list, blank=True)
    reason_code = models.CharField(max_length=60, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    method = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["work_order", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.work_order_id} {self.outcome} ({self.run_id})"
