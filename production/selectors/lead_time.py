"""The earliest delivery date of one design to a country's centre (kept for callers that
know no address yet); ``production.selectors.promise`` is the engine behind it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from c2m.errors import Unprocessable
from production.selectors.promise import Transit
from production.selectors.promise import earliest_delivery_date as _promise_date

DEFAULT_COUNTRY = "CN"
# Transit as the router counted it before shipping methods were known: distance only.
DISTANCE_ONLY = Transit(method="distance", handling_days=0, ship_speed=1.0)


def earliest_delivery_date(
    product_sku: str,
    configuration: Mapping[str, Any] | None = None,
    quantity: int = 1,
    *,
    country: str = DEFAULT_COUNTRY,
    ship_to: Mapping[str, Any] | None = None,
    transit: Transit = DISTANCE_ONLY,
) -> date | None:
    """First day an order of ``quantity`` could arrive at ``ship_to`` (else the centre of
    ``country``) with ``transit``; None if no plant could make it in the next 60 days or
    the SKU has no recipe. Raises ``Unprocessable`` for a quantity below 1.
    """
    if quantity < 1:
        raise Unprocessable("Quantity must be at least 1.", errors={"quantity": ["Min 1."]})
    address = ship_to or {"country": (country or DEFAULT_COUNTRY).upper()}
    return _promise_date(product_sku, configuration, quantity, ship_to=address, transit=transit)
