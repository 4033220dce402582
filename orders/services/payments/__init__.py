"""The payment seam: providers behind one interface, and the services that record what
they say. Re-exported here."""

from .base import (
    PaymentDeclined,
    PaymentProvider,
    PaymentResult,
    WebhookEvent,
    WebhookRefused,
    sign,
    verify_signature,
)
from .invoice import InvoiceProvider
from .sandbox import SandboxCardProvider

PROVIDERS: dict[str, PaymentProvider] = {
    p.code: p for p in (SandboxCardProvider(), InvoiceProvider())
}


def payment_provider_get(code: str) -> PaymentProvider:
    """Raises ``NotFound`` for a provider that does not exist."""
    from c2m.errors import NotFound

    try:
        return PROVIDERS[code]
    except KeyError:
        raise NotFound("No such payment provider.") from None


__all__ = [
    "PROVIDERS",
    "InvoiceProvider",
    "PaymentDeclined",
    "PaymentProvider",
    "PaymentResult",
    "SandboxCardProvider",
    "WebhookEvent",
    "WebhookRefused",
    "payment_provider_get",
    "sign",
    "verify_signature",
]
