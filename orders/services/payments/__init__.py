"""The payment seam: providers behind one interface, and the services that record what
they say. Re-exported here."""

from .base import (
    PaymentDeclined,
    PaymentGatewayUnreachable,
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
    """Any provider the platform knows, enabled or not: payments already taken through a
    provider since disabled must still be refunded. Raises ``NotFound`` for an unknown code.
    """
    from c2m.errors import NotFound

    try:
        return PROVIDERS[code]
    except KeyError:
        raise NotFound("No such payment provider.") from None


def payment_providers_enabled() -> list[PaymentProvider]:
    """The providers checkout offers and whose notifications are accepted, in the order of
    ``settings.PAYMENT_PROVIDERS``. A sandbox is left out unless ``settings.DEMO_MODE``,
    whatever the setting says (``check --deploy`` also refuses it there)."""
    from django.conf import settings

    return [
        PROVIDERS[code]
        for code in dict.fromkeys(settings.PAYMENT_PROVIDERS)
        if code in PROVIDERS and (settings.DEMO_MODE or not PROVIDERS[code].sandbox)
    ]


def payment_provider_enabled(code: str) -> PaymentProvider:
    """Raises ``NotFound`` for a provider that does not exist or is not enabled here."""
    from c2m.errors import NotFound

    for provider in payment_providers_enabled():
        if provider.code == code:
            return provider
    raise NotFound("No such payment provider.")


__all__ = [
    "PROVIDERS",
    "InvoiceProvider",
    "PaymentDeclined",
    "PaymentGatewayUnreachable",
    "PaymentProvider",
    "PaymentResult",
    "SandboxCardProvider",
    "WebhookEvent",
    "WebhookRefused",
    "payment_provider_enabled",
    "payment_provider_get",
    "payment_providers_enabled",
    "sign",
    "verify_signature",
]
