"""The ``test`` provider: a card gateway's sandbox, answering by card number.

Like a real gateway it remembers each call by its idempotency key (for a day, in the
cache): the same key answers the same, and ``retrieve`` says what became of it.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import asdict, replace
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.utils.translation import gettext as _

from c2m.errors import ApplicationError
from orders.models import PaymentStatus

from .base import PaymentProvider, PaymentResult

APPROVE = "4242424242424242"
DECLINE = "4000000000000002"
# The gateway is "busy": the first attempt of a card for an amount is declined, the next
# succeeds.
RETRY = "4000000000000119"

MEMORY_SECONDS = 24 * 3600


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
        answered = self.retrieve(idempotency_key=idempotency_key)
        if answered is not None:
            return answered
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
            return _remember(
                idempotency_key,
                PaymentResult(
                    PaymentStatus.DECLINED,
                    reference,
                    display,
                    message=_("Your card was declined. Please use another card."),
                ),
            )
        busy = hashlib.sha256(f"{number}:{amount}:{currency}".encode()).hexdigest()
        if number == RETRY and cache.add(f"sandbox-retry:{busy}", 1, timeout=3600):
            return _remember(
                idempotency_key,
                PaymentResult(
                    PaymentStatus.DECLINED,
                    reference,
                    display,
                    retryable=True,
                    message=_("The card network did not answer in time. Please try again."),
                ),
            )
        cache.set(f"sandbox-reference:{reference}", idempotency_key, MEMORY_SECONDS)
        return _remember(
            idempotency_key, PaymentResult(PaymentStatus.AUTHORIZED, reference, display)
        )

    def capture(self, *, reference: str, amount: Decimal) -> PaymentResult:
        key = cache.get(f"sandbox-reference:{reference}")
        authorized = self.retrieve(idempotency_key=key) if key else None
        if authorized is None:
            return PaymentResult(PaymentStatus.CAPTURED, reference)
        return _remember(key, replace(authorized, status=PaymentStatus.CAPTURED))

    def refund(self, *, reference: str, amount: Decimal, idempotency_key: str) -> PaymentResult:
        answered = self.retrieve(idempotency_key=idempotency_key)
        if answered is not None:
            return answered
        return _remember(idempotency_key, PaymentResult(PaymentStatus.REFUNDED, reference))

    def retrieve(self, *, idempotency_key: str) -> PaymentResult | None:
        stored = cache.get(f"sandbox-call:{idempotency_key}")
        return PaymentResult(**stored) if stored else None


def _remember(idempotency_key: str, result: PaymentResult) -> PaymentResult:
    cache.set(f"sandbox-call:{idempotency_key}", asdict(result), MEMORY_SECONDS)
    return result


def _luhn(number: str) -> bool:
    digits = [int(d) for d in reversed(number)]
    total = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    return total % 10 == 0
