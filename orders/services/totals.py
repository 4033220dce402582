"""What the shopper pays: the cart's lines, shipping for the chosen method and destination,
and the taxes the shop states. The checkout page shows it and checkout charges it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings

from configurator.money import quantize_money
from orders.services.shipping import HOME_COUNTRY, ShippingMethod


@dataclass(frozen=True)
class CheckoutTotal:
    """The grand total and how it is made. ``vat_included`` is the part of ``total`` that
    is VAT at ``vat_rate`` percent (None when the shop states no VAT); ``duties_abroad`` is
    True when the destination's import duties are the recipient's to pay."""

    currency: str
    subtotal: Decimal
    method: ShippingMethod
    shipping: Decimal
    total: Decimal
    vat_rate: Decimal
    vat_included: Decimal | None
    duties_abroad: bool


def checkout_total(
    *, subtotal: Decimal, currency: str, method: ShippingMethod, country: str
) -> CheckoutTotal:
    """The total for lines worth ``subtotal`` (a cart quote's) shipped with ``method`` to
    ``country``.

    Prices include VAT (``settings.SHOP_VAT_RATE`` percent; 0 states none), so VAT is
    shown, never added. Raises ``KeyError`` for a currency the shop does not price in.
    """
    shipping = quantize_money(method.price(country), currency)
    total = quantize_money(subtotal + shipping, currency)
    rate = Decimal(settings.SHOP_VAT_RATE)
    vat = quantize_money(total * rate / (100 + rate), currency) if rate > 0 else None
    return CheckoutTotal(
        currency=currency,
        subtotal=subtotal,
        method=method,
        shipping=shipping,
        total=total,
        vat_rate=rate,
        vat_included=vat,
        duties_abroad=country.upper() != HOME_COUNTRY,
    )
