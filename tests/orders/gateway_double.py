"""A card gateway double: the sandbox, counting the money it really moves, which can lose
its answer (time out) after moving it and run a check during each money-moving call."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from orders.services.payments import PROVIDERS, PaymentGatewayUnreachable, PaymentResult
from orders.services.payments.intents import payment_intents_reconcile
from orders.services.payments.sandbox import SandboxCardProvider


class FlakyGateway(SandboxCardProvider):
    sandbox = False

    def __init__(self, code: str) -> None:
        self.code = code
        self.captures = 0
        self.refunds = 0
        self.timeout_after_capture = False
        self.timeout_after_refund = False
        self.during_call: Callable[[], None] | None = None

    def capture(self, *, reference: str, amount: Decimal) -> PaymentResult:
        if self.during_call:
            self.during_call()
        self.captures += 1
        result = super().capture(reference=reference, amount=amount)
        if self.timeout_after_capture:
            raise PaymentGatewayUnreachable("read timed out")
        return result

    def refund(self, *, reference: str, amount: Decimal, idempotency_key: str) -> PaymentResult:
        if self.during_call:
            self.during_call()
        if self.retrieve(idempotency_key=idempotency_key) is None:
            self.refunds += 1  # a repeated key moves nothing
        result = super().refund(reference=reference, amount=amount, idempotency_key=idempotency_key)
        if self.timeout_after_refund:
            raise PaymentGatewayUnreachable("read timed out")
        return result


def install_gateway(monkeypatch, code: str) -> FlakyGateway:
    """Register the double as provider ``code``, as the sandbox is registered."""
    fake = FlakyGateway(code)
    monkeypatch.setitem(PROVIDERS, code, fake)
    return fake


def reconcile() -> int:
    """The beat task's run once the intents are old enough to be asked about."""
    later = timedelta(minutes=settings.PAYMENT_INTENT_RECONCILE_MINUTES + 1)
    return payment_intents_reconcile(now=timezone.now() + later)
