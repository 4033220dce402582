from django.db import models
from django.utils.translation import gettext_lazy as _


class PlantClaim(models.Model):
    """Production's own record of a customer's claim against one work order a plant made,
    fed by the orders outbox (``claim.filed``, ``claim.decided``); never edited by hand.

    The plant sees it through the factory API and answers with its evidence.
    """

    claim_number = models.CharField(_("claim"), max_length=20)
    work_order = models.ForeignKey(
        "production.WorkOrder", on_delete=models.CASCADE, related_name="claims"
    )
    factory = models.ForeignKey(
        "production.Factory", on_delete=models.PROTECT, related_name="claims"
    )
    reason = models.CharField(_("reason"), max_length=20)
    # The reason says the plant made it wrong (damaged, misprint, wrong item, not as configured).
    defect = models.BooleanField(_("defect"), default=False)
    quantity = models.PositiveIntegerField(_("affected quantity"))
    description = models.TextField(_("description"), blank=True)
    # The claim's photos (public ids) the plant may download.
    photos = models.JSONField(default=list, blank=True)
    # "" until an operator decided: reprint, refund or rejected.
    decision = models.CharField(_("decision"), max_length=12, blank=True)
    plant_at_fault = models.BooleanField(_("plant at fault"), default=False)
    reprint = models.ForeignKey(
        "production.WorkOrder",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reprint_of_claims",
    )
    response = models.TextField(_("plant's response"), blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    filed_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-filed_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim_number", "work_order"], name="one_plant_claim_per_work_order"
            )
        ]
        indexes = [models.Index(fields=["factory", "-filed_at"])]
        verbose_name = _("claim against a plant")
        verbose_name_plural = _("claims against plants")

    def __str__(self) -> str:
        return f"{self.claim_number} / {self.work_order_id}"

    @property
    def counts_against_plant(self) -> bool:
        """A defect the customer reported that was not turned down."""
        return (self.defect or self.plant_at_fault) and self.decision != "rejected"
