"""The ``invoice`` provider: pay later by bank transfer; an operator or the bank's
notification marks the order paid."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from orders.models import PaymentStatus

from .base import PaymentProvider, PaymentResult


class InvoiceProvider(PaymentProvider):
    code = "invoice"
    immediate = False

    def authorize(
        self,
        *,
        amount: Decimal,
        currency: str,
        data: Mapping[str, Any],
        idempotency_key: str,
    ) -> PaymentResult:
        # Random, never derived from what the shopper sent: the reference names the
        # payment in the bank's notification.
        reference = "INV-" + secrets.token_hex(8).upper()
        return PaymentResult(
            PaymentStatus.PENDING, reference, _("Invoice %(ref)s") % {"ref": reference}
        )

    def capture(self, *, reference: str, amount: Decimal) -> PaymentResult:
        return PaymentResult(PaymentStatus.CAPTURED, reference)

    def refund(self, *, reference: str, amount: Decimal, idempotency_key: str) -> PaymentResult:
        return PaymentResult(PaymentStatus.REFUNDED, reference)

    def retrieve(self, *, idempotency_key: str) -> PaymentResult | None:
        # Invoices are issued here, never over a network: one whose answer was not
        # recorded was never issued.
        return None
