"""The settlement ledger: what the platform owes each plant, one append-only entry at a time.

Entries are never updated or deleted (a trigger in the migration refuses both); a
correction is a new ``adjustment``. Amounts are signed, in the plant's payout currency:
positive is owed to the plant, negative is owed by it. Unique constraints make "once"
hold whatever arrives twice: one payout accrual per work order, one chargeback per claim
and work order, one entry per confirmed capacity booking.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SettlementKind(models.TextChoices):
    # The work order's frozen payout, owed to the plant once it shipped.
    PAYOUT = "payout", _("Payout accrued")
    # Reprint cost charged back to the plant for a claim approved at its fault.
    CHARGEBACK = "chargeback", _("Chargeback")
    # An operator's correction, either way, with its reason.
    ADJUSTMENT = "adjustment", _("Adjustment")
    # A capacity-exchange booking the plant confirmed: its earnings (the business's cost
    # less the platform's margin, both on the booking).
    BOOKING = "booking", _("Capacity booking")


class SettlementEntry(models.Model):
    """One line of a plant's account with the platform."""

    factory = models.ForeignKey(
        "production.Factory",
        on_delete=models.PROTECT,
        related_name="settlement_entries",
        verbose_name=_("factory"),
    )
    work_order = models.ForeignKey(
        "production.WorkOrder",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="settlement_entries",
        verbose_name=_("work order"),
    )
    capacity_booking = models.ForeignKey(
        "production.CapacityBooking",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="settlement_entries",
        verbose_name=_("capacity booking"),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=SettlementKind.choices)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    # The claim for a chargeback, the first parcel for a payout, free text otherwise.
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    actor = models.CharField(_("by"), max_length=100)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("settlement entry")
        verbose_name_plural = _("settlement entries")
        constraints = [
            models.UniqueConstraint(
                fields=["work_order"],
                condition=Q(kind="payout"),
                name="one_payout_per_work_order",
            ),
            models.UniqueConstraint(
                fields=["work_order", "reference"],
                condition=Q(kind="chargeback"),
                name="one_chargeback_per_claim_and_work_order",
            ),
            models.UniqueConstraint(
                fields=["capacity_booking"],
                condition=Q(kind="booking"),
                name="one_entry_per_capacity_booking",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="payout", amount__gte=0, work_order__isnull=False)
                    | Q(kind="chargeback", amount__lt=0, work_order__isnull=False)
                    | (Q(kind="adjustment") & ~Q(amount=0))
                    | Q(kind="booking", amount__gte=0, capacity_booking__isnull=False)
                ),
                name="settlement_entry_sign_by_kind",
            ),
        ]
        indexes = [models.Index(fields=["factory", "created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} {self.currency}"
