from django.db import models
from django.utils.translation import gettext_lazy as _


class CounterOffer(models.Model):
    """A plant's answer to an offer: it would make the work for this payout, by this date.

    Written by ``work_order_counter_offer`` within the limits operators set on the plant;
    the work order goes back to routing, where the plant is a candidate at these terms
    (``routing.Quote``). One per plant and work order: no haggling loops.
    """

    work_order = models.ForeignKey(
        "production.WorkOrder", on_delete=models.CASCADE, related_name="counter_offers"
    )
    factory = models.ForeignKey(
        "production.Factory", on_delete=models.CASCADE, related_name="counter_offers"
    )
    payout_amount = models.DecimalField(_("payout"), max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    delivery_date = models.DateField(_("delivery date"))
    # Days later than the offer's planned delivery (0: the price only).
    extra_days = models.PositiveSmallIntegerField(default=0)
    note = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["work_order", "factory"], name="one_counter_offer_per_plant"
            )
        ]
        verbose_name = _("counter-offer")

    def __str__(self) -> str:
        return f"{self.work_order_id} by {self.factory_id}: {self.payout_amount} {self.currency}"
