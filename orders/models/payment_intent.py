from django.db import models
from django.utils.translation import gettext_lazy as _

from .payment_intent_status import LIVE, PaymentIntentKind, PaymentIntentStatus


class PaymentIntent(models.Model):
    """One money-moving call to a provider, written and committed before the call is made.

    Its ``key`` is the provider's idempotency key, so asking again never moves the money
    twice. ``purpose`` names the service that writes the result to the order
    (``orders.services.payments.intents.FINALIZERS``); ``request`` holds what that service
    needs to do so later (never card data).
    """

    kind = models.CharField(_("kind"), max_length=8, choices=PaymentIntentKind.choices)
    purpose = models.CharField(_("purpose"), max_length=20)
    provider = models.CharField(_("provider"), max_length=20)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PaymentIntentStatus.choices,
        default=PaymentIntentStatus.PENDING,
    )
    currency = models.CharField(_("currency"), max_length=3)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    # The shopper's (or merchant's) checkout key: a resubmitted checkout finds its intent.
    checkout_key = models.CharField(_("checkout key"), max_length=80, blank=True, db_index=True)
    cart = models.ForeignKey(
        "orders.Cart", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    order = models.ForeignKey(
        "orders.Order",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payment_intents",
        verbose_name=_("order"),
    )
    # A charge's payment once recorded; the payment a refund gives back.
    payment = models.ForeignKey(
        "orders.Payment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intents",
        verbose_name=_("payment"),
    )
    claim = models.ForeignKey(
        "orders.Claim",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="refund_intents",
        verbose_name=_("claim"),
    )
    request = models.JSONField(_("request"), default=dict, blank=True)
    # What the provider answered: its reference, a ``PaymentStatus`` value, a display text.
    reference = models.CharField(_("provider reference"), max_length=80, blank=True)
    outcome = models.CharField(_("provider outcome"), max_length=12, blank=True)
    display = models.CharField(_("display"), max_length=80, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_index=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("payment intent")
        verbose_name_plural = _("payment intents")
        constraints = [
            # One charge in flight per cart and one refund in flight per claim: a second
            # tab or a retry resumes it instead of charging again.
            models.UniqueConstraint(
                fields=["cart"],
                condition=models.Q(kind="charge", status__in=sorted(LIVE)),
                name="payment_intent_one_live_charge_per_cart",
            ),
            models.UniqueConstraint(
                fields=["claim"],
                condition=models.Q(status__in=sorted(LIVE)),
                name="payment_intent_one_live_refund_per_claim",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.kind} {self.status}"

    @property
    def key(self) -> str:
        """The provider's idempotency key for this intent."""
        return f"pi_{self.pk}"
