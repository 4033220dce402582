"""The payment status machine: one attempt to collect an order's total.

``orders.services.payments.status.payment_move`` is the only writer of ``Payment.status``
(checkout writes the first status the provider answered with).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentStatus(models.TextChoices):
    # Waiting for money that arrives later (invoice, bank transfer).
    PENDING = "pending", _("Pending")
    # The provider reserved the amount; not yet collected.
    AUTHORIZED = "authorized", _("Authorized")
    # The money is ours.
    CAPTURED = "captured", _("Captured")
    # Refused by the provider; the order was not placed with it.
    DECLINED = "declined", _("Declined")
    # Given back to the customer (order cancelled).
    REFUNDED = "refunded", _("Refunded")
    # An authorization or invoice that was voided before any money moved.
    VOIDED = "voided", _("Voided")


_S = PaymentStatus
# Status to the statuses it may become. Money once taken is only ever given back; a
# payment that failed or was voided or refunded is final (a new attempt is a new payment).
PAYMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.CAPTURED, _S.DECLINED, _S.VOIDED}),
    _S.AUTHORIZED: frozenset({_S.CAPTURED, _S.VOIDED}),
    _S.CAPTURED: frozenset({_S.REFUNDED}),
    _S.DECLINED: frozenset(),
    _S.REFUNDED: frozenset(),
    _S.VOIDED: frozenset(),
}

# No money moved yet: cancelling the order voids these.
VOIDABLE = frozenset({_S.PENDING, _S.AUTHORIZED})
