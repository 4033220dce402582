"""The ``test`` provider: a card gateway's sandbox, answering by card number."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _

from c2m.errors import ApplicationError
from orders.models import PaymentStatus

from .base import PaymentProvider, PaymentResult

APPROVE = "4242424242424242"
DECLINE = "4000000000000002"
# The gateway is "busy": the first attempt of a checkout is declined, the next succeeds.
RETRY = "4000000000000119"


class SandboxCardProvider(PaymentProvider):
    code = "test"
    immediate = True
    sandbox = True

    def authorize(
        self,
        *,
        amount: Decimal,
        currency: str,
        data: Mapping[str, Any],
        idempotency_key: str,
    ) -> PaymentResult:
        number = "".join(str(data.get("card_number") or "").split())
        if not number.isdigit() or not 12 <= len(number) <= 19 or not _luhn(number):
            raise ApplicationError(
                _("Enter a valid card number."),
                code="invalid_card",
                errors={"card_number": [_("Enter a valid card number.")]},
            )
        reference = "tst_" + secrets.token_hex(12)
        display = _("Card ending %(last4)s") % {"last4": number[-4:]}
        if number == DECLINE:
            return PaymentResult(
                PaymentStatus.DECLINED,
                reference,
                display,
                message=_("Your card was declined. Please use another card."),
            )
        # One checkout (one idempotency key) is declined once, whatever its reference.
        attempt = hashlib.sha256(idempotency_key.encode()).hexdigest()
        if number == RETRY and cache.add(f"sandbox-retry:{attempt}", 1, timeout=3600):
            return PaymentResult(
                PaymentStatus.DECLINED,
                reference,
                display,
                retryable=True,
                message=_("The card network did not answer in time. Please try again."),
            )
        return PaymentResult(PaymentStatus.AUTHORIZED, reference, display)

    def capture(self, *, reference: str, amount: Decimal) -> PaymentResult:
        return PaymentResult(PaymentStatus.CAPTURED, reference)

    def refund(self, *, reference: str, amount: Decimal) -> PaymentResult:
        return PaymentResult(PaymentStatus.REFUNDED, reference)


def _luhn(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0
