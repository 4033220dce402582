"""The payment intent status machine: one call to a provider that moves money (a charge
or a refund), recorded before the call is made.

``orders.services.payments.intents.payment_intent_move`` is the only writer of
``PaymentIntent.status``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentIntentKind(models.TextChoices):
    CHARGE = "charge", _("Charge")
    REFUND = "refund", _("Refund")


class PaymentIntentStatus(models.TextChoices):
    # Recorded and committed; the provider is being asked (or is about to be).
    PENDING = "pending", _("Pending")
    # The provider did not answer (timeout, broken connection): the money may have moved.
    # The reconciler asks the provider and settles it.
    UNKNOWN = "unknown", _("Unknown")
    # The provider moved the money (or issued the invoice); not yet written to the order.
    SUCCEEDED = "succeeded", _("Succeeded at the provider")
    # Written to the order (its payment, its refund): over.
    COMPLETED = "completed", _("Completed")
    # Refused by the provider, or never received by it: no money moved.
    FAILED = "failed", _("Failed")
    # Taken, but the order could no longer be placed: the money was given back.
    REVERSED = "reversed", _("Given back")


_S = PaymentIntentStatus
# Status to the statuses it may become. Only an answer from the provider moves an intent
# off pending/unknown; money taken is either recorded on its order or given back.
PAYMENT_INTENT_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.UNKNOWN, _S.SUCCEEDED, _S.FAILED}),
    _S.UNKNOWN: frozenset({_S.SUCCEEDED, _S.FAILED}),
    _S.SUCCEEDED: frozenset({_S.COMPLETED, _S.REVERSED}),
    _S.COMPLETED: frozenset(),
    _S.FAILED: frozenset(),
    _S.REVERSED: frozenset(),
}

# The provider has not (knowingly) answered yet: the reconciler asks it.
UNSETTLED = frozenset({_S.PENDING, _S.UNKNOWN})
# Money may be on its way or taken: at most one such intent per cart, claim or checkout.
LIVE = frozenset({_S.PENDING, _S.UNKNOWN, _S.SUCCEEDED})
