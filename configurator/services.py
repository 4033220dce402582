"""Which paid services a configuration orders, the warranty it comes with and whether
it may be returned."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .components import PriceComponent
from .definition import ProductDefinition


def chosen_services(
    definition: ProductDefinition, values: Mapping[str, Any]
) -> tuple[PriceComponent, ...]:
    """Return the service components whose choice is among the normalized ``values``."""
    return tuple(
        c
        for c in definition.price_components
        if c.kind == "service" and c.when is not None and c.when.holds(values)
    )


def service_amounts(definition: ProductDefinition) -> dict[tuple[str, str], Any]:
    """Return each service's price by the (option, value) that orders it, for the page."""
    amounts = {}
    for c in definition.price_components:
        if c.kind == "service" and c.when is not None:
            for value in c.when.values:
                amounts[(c.when.option, value)] = c.amount
    return amounts


def warranty_months(definition: ProductDefinition, values: Mapping[str, Any]) -> int:
    """Return the product's warranty plus what the chosen extended warranties add."""
    extra = sum(c.warranty_months for c in chosen_services(definition, values))
    return definition.warranty_months + extra


# Why a configured item may not be returned (``return_policy``'s second value).
NOT_RETURNABLE = "not_returnable"
PERSONALISED = "personalised"


def is_personalised(definition: ProductDefinition, values: Mapping[str, Any]) -> bool:
    """Return whether the configuration carries the buyer's own text or artwork."""
    for option in definition.options:
        if option.kind in {"text", "artwork"} and values.get(option.code) not in (None, "", {}):
            return True
    return False


def return_policy(definition: ProductDefinition, values: Mapping[str, Any]) -> tuple[int, str]:
    """Return (days after delivery it may be returned, why not when 0): ``""``,
    ``NOT_RETURNABLE`` (the product takes no returns) or ``PERSONALISED`` (made for the
    buyer, and the product's policy does not take personalised pieces back)."""
    if not definition.return_days:
        return 0, NOT_RETURNABLE
    if is_personalised(definition, values) and not definition.return_personalised:
        return 0, PERSONALISED
    return definition.return_days, ""
