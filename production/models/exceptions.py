from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductionExceptionKind(models.TextChoices):
    # An order could not be compiled into work orders (no recipe, a formula error...).
    PLANNING = "planning", _("Planning")
    # A work order could not be routed to any factory.
    ROUTING = "routing", _("Routing")
    # A promised date is at risk.
    SLA = "sla", _("SLA")
    # A claim's approved reprint could not be planned, or no plant but the one at fault
    # can make it: it waits for an operator's retry once capacity exists.
    REPRINT = "reprint", _("Reprint")


class ProductionException(models.Model):
    """Work the pipeline could not do by itself, kept until someone resolves it.

    A permanent failure is never dropped: it lands here, visible in the admin, with what
    went wrong and how often it was tried. At most one open exception per kind and
    reference (e.g. an order number); a new failure of the same thing updates it.
    """

    kind = models.CharField(max_length=16, choices=ProductionExceptionKind.choices)
    # What failed, for people: an order number, a work-order number.
    reference = models.CharField(max_length=60)
    code = models.CharField(max_length=40)
    error = models.TextField()
    # Ids needed to retry, e.g. {"message_id": 12, "order_id": 34}.
    data = models.JSONField(default=dict, blank=True)
    attempts = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "reference"],
                condition=models.Q(resolved_at__isnull=True),
                name="one_open_exception_per_reference",
            )
        ]
        indexes = [models.Index(fields=["kind", "resolved_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}: {self.code}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
