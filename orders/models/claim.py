from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .claim_status import AWAITING_PLANT, DECIDABLE, ClaimKind, ClaimReason, ClaimStatus


class Claim(models.Model):
    """A customer's report of a problem with some pieces of one delivered order line, a
    repair or maintenance visit asked for under its warranty, or a return of them."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE, related_name="claims")
    line = models.ForeignKey("orders.OrderLine", on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(
        _("kind"), max_length=10, choices=ClaimKind.choices, default=ClaimKind.PROBLEM
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ClaimReason.choices)
    quantity = models.PositiveIntegerField(_("affected quantity"))
    description = models.TextField(_("description"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=20, choices=ClaimStatus.choices, default=ClaimStatus.OPEN
    )
    # Set by the operator's decision: the plant made it wrong (reprint elsewhere, score).
    plant_at_fault = models.BooleanField(_("plant at fault"), default=False)
    refund_amount = models.DecimalField(
        _("refund amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # The reprint's (or a repair's service visit's) work order as production named it
    # (empty until it reports one).
    reprint_work_order = models.CharField(_("reprint work order"), max_length=40, blank=True)
    reprint_status = models.CharField(_("reprint status"), max_length=16, blank=True)
    # A return's label, set when it is approved: the carrier and its reference.
    return_carrier = models.CharField(_("return carrier"), max_length=60, blank=True)
    return_reference = models.CharField(_("return label"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="claim_quantity_gte_1"),
            models.CheckConstraint(
                condition=Q(refund_amount__isnull=True) | Q(refund_amount__gt=Decimal("0")),
                name="claim_refund_positive",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.number

    def can_decide(self) -> bool:
        return self.status in DECIDABLE

    def awaits_plant(self) -> bool:
        """An approved reprint (or visit) no plant has been offered yet: it waits on the
        operators' exception list."""
        return self.reprint_status == AWAITING_PLANT and self.status in (
            ClaimStatus.REPRINTING,
            ClaimStatus.SERVICE_SCHEDULED,
        )

    def status_display(self) -> str:
        """The status in the customer's words: an approved reprint or visit that waits for
        a plant says so rather than that it is under way."""
        if self.awaits_plant():
            if self.status == ClaimStatus.SERVICE_SCHEDULED:
                return str(_("Visit awaiting a service crew"))
            return str(_("Reprint awaiting a plant"))
        return str(self.get_status_display())


class ClaimPhoto(models.Model):
    """A photo the customer sent with a claim, stored re-encoded as PNG (never as sent)."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="photos")
    public_id = models.CharField(max_length=40, unique=True)
    path = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.public_id


class ClaimEvent(models.Model):
    """One entry of a claim's timeline: who did what, from which status to which."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    code = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    actor = models.CharField(max_length=100)
    # Words for the customer ("message"), the plant's evidence, amounts, work orders.
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.code}"
