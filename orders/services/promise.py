"""What the storefront promises: a delivery date per shipping method for an address.

The dates come from production's promise engine through the one declared port
(``orders.ports.delivery_promises``); this module only turns cart or
order lines and the shipping methods into its plain inputs, and its answers into what
the pages, checkout and the order store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import formats
from django.utils.translation import gettext as _

from orders.ports import PromiseLine, Transit, delivery_promises, earliest_delivery_date
from orders.services.shipping import SHIPPING_METHODS, ShippingMethod

# A line as the promise needs it: (sku, configuration values, quantity[, express]).
PromiseInput = tuple[str, Mapping[str, Any], int] | tuple[str, Mapping[str, Any], int, bool]

# The address the product page promises to before the shopper has given one.
DEFAULT_SHIP_TO = {"country": "CN", "city": "Shanghai"}


@dataclass(frozen=True)
class ShippingPromise:
    """One shipping method for one address: its price there and the date it can promise
    (None: no plant can make and deliver the cart with this method)."""

    method: ShippingMethod
    price: Decimal
    date: date | None
    basis: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.method.code

    @property
    def express(self) -> bool | None:
        """None: no line has express production; True: it makes every such line sooner;
        False: some line would be made no sooner (checkout refuses it)."""
        lines = [line for line in self.basis.get("lines", []) if line.get("express")]
        if not lines:
            return None
        return all(
            line.get("standard_delivery_day") is None
            or line["delivery_day"] < line["standard_delivery_day"]
            for line in lines
        )


def shipping_promises(
    *, lines: Iterable[PromiseInput], ship_to: Mapping[str, Any]
) -> list[ShippingPromise]:
    """Each shipping method with its price and promised date for ``lines`` (sku,
    configuration values, quantity and, optionally, whether express production was
    chosen) shipped to ``ship_to``, in the methods' order."""
    found = delivery_promises(
        lines=[
            PromiseLine(line[0], dict(line[1]), line[2], bool(line[3]) if len(line) > 3 else False)
            for line in lines
        ],
        ship_to=dict(ship_to),
        methods=[
            Transit(method=m.code, handling_days=m.handling_days, ship_speed=m.ship_speed)
            for m in SHIPPING_METHODS.values()
        ],
    )
    country = str(ship_to.get("country", "")).upper()
    out = []
    for method in SHIPPING_METHODS.values():
        promise = found.get(method.code)
        out.append(
            ShippingPromise(
                method=method,
                price=method.price(country),
                date=promise.date if promise else None,
                basis=promise.basis if promise else {},
            )
        )
    return out


def product_promise_date(
    *, sku: str, configuration: Mapping[str, Any], quantity: int, express: bool = False
) -> date | None:
    """The product page's date: standard shipping to the default address; with
    ``express``, made in the plants' express lane."""
    method = SHIPPING_METHODS["standard"]
    return earliest_delivery_date(
        sku,
        configuration,
        quantity,
        ship_to=DEFAULT_SHIP_TO,
        transit=Transit(method.code, method.handling_days, method.ship_speed),
        express=express,
    )


def alternatives(promises: Sequence[ShippingPromise], *, except_code: str) -> list[dict[str, str]]:
    """The other methods that do deliver, for a refusal's ``extra``."""
    return [
        {"shipping_method": p.code, "promised_date": p.date.isoformat()}
        for p in promises
        if p.date is not None and p.code != except_code
    ]


def refusal_message(promises: Sequence[ShippingPromise], *, code: str) -> str:
    """Why checkout refuses ``code`` and what would work, in the active language."""
    method = next(p for p in promises if p.code == code).method
    others = [
        _("%(method)s, delivered by %(date)s")
        % {"method": p.method.label, "date": long_date(p.date)}
        for p in promises
        if p.date is not None and p.code != code
    ]
    message = _(
        "No partner factory can make and deliver this order to your address with %(method)s "
        "shipping within the next 60 days."
    ) % {"method": method.label}
    if others:
        return (
            message + " " + _("This works instead: %(options)s.") % {"options": "; ".join(others)}
        )
    return message + " " + _("Please choose another address, or fewer items.")


def long_date(value: date) -> str:
    return formats.date_format(value, "DATE_FORMAT")
