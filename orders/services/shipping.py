"""Shipping methods and what they cost, in the order's currency."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from c2m.errors import ApplicationError

# Where the shop ships from: deliveries here pay the domestic price and no import duties.
HOME_COUNTRY = "CN"


@dataclass(frozen=True)
class ShippingMethod:
    """A way to ship, its price, and its transit as the promise counts it: ``handling_days``
    at the carrier plus the network's days per 1000 km from the plant times ``ship_speed``
    (production's routing settings, 1 day per 1000 km by default)."""

    code: str
    label: str | Promise
    domestic_price: Decimal
    international_price: Decimal
    handling_days: int
    ship_speed: float

    def price(self, country: str) -> Decimal:
        return self.domestic_price if country == HOME_COUNTRY else self.international_price


SHIPPING_METHODS = {
    m.code: m
    for m in (
        ShippingMethod("standard", _("Standard"), Decimal("12.00"), Decimal("89.00"), 1, 1.0),
        ShippingMethod("express", _("Express"), Decimal("30.00"), Decimal("189.00"), 0, 0.35),
    )
}


def shipping_method_get(*, code: str) -> ShippingMethod:
    """Raises ``ApplicationError`` (code ``invalid_shipping_method``) for an unknown code."""
    try:
        return SHIPPING_METHODS[code]
    except KeyError:
        raise ApplicationError(
            str(_("Choose a shipping method.")),
            code="invalid_shipping_method",
            errors={"shipping_method": [str(_("Choose one of the listed methods."))]},
        ) from None
