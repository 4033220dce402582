"""Which paid services a configuration orders, and the warranty it comes with."""

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
