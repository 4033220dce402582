"""Express production as the storefront sells it: which lines bought it, what date it buys,
and refusing it when no plant can make the line any sooner.

Express production is catalog data (a ``service`` price component marked ``express``); the
promise engine (production, through ``orders.ports``) plans an express line in the plants'
express lane and says in the promise basis how much sooner that is than standard work.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext as _

from c2m.errors import ApplicationError
from configurator import NormalizedConfiguration
from configurator.definition import ProductDefinition
from configurator.services import chosen_services
from orders.services.promise import product_promise_date

EXPRESS_UNAVAILABLE = "express_unavailable"


def line_is_express(breakdown: Iterable[Mapping[str, Any]] | None) -> bool:
    """Whether a priced line's breakdown entries include express production."""
    return any(
        entry.get("kind") == "service" and (entry.get("service") or {}).get("express")
        for entry in breakdown or ()
    )


def offers_express(definition: ProductDefinition) -> bool:
    """Whether the product sells express production at all."""
    return any(c.kind == "service" and c.express for c in definition.price_components)


def configuration_is_express(
    definition: ProductDefinition, configuration: NormalizedConfiguration | Mapping[str, Any]
) -> bool:
    """Whether the configuration (normalized, or its values) chooses express production."""
    values = (
        configuration.values
        if isinstance(configuration, NormalizedConfiguration)
        else configuration
    )
    return any(c.express for c in chosen_services(definition, values))


def express_dates(basis: Mapping[str, Any] | None) -> list[date | None]:
    """Per line of a promise basis, the date express production buys it (None: standard)."""
    if not basis or "computed_on" not in basis:
        return []
    start = date.fromisoformat(basis["computed_on"])
    return [
        start + timedelta(days=line["delivery_day"]) if line.get("express") else None
        for line in basis.get("lines", [])
    ]


def express_refusal(
    basis: Mapping[str, Any] | None, names: Sequence[str]
) -> ApplicationError | None:
    """The error to refuse a promise with when one of its express lines would be made no
    sooner than standard work (``names``: the lines' product names, in order); else None.

    Express production is only sold when it buys an earlier date: otherwise the shopper
    would pay for nothing.
    """
    for i, line in enumerate((basis or {}).get("lines", [])):
        standard = line.get("standard_delivery_day")
        if line.get("express") and (standard is None or line["delivery_day"] >= standard):
            name = names[i] if i < len(names) else line.get("product_sku", "")
            message = _(
                "Express production cannot make %(product)s any sooner right now: no partner "
                "factory has express capacity for it. Please remove express production from it."
            ) % {"product": name}
            return ApplicationError(message, code=EXPRESS_UNAVAILABLE, errors={"lines": [message]})
    return None


@dataclass(frozen=True)
class ExpressOutlook:
    """What express production buys one design (standard shipping, default address):
    ``express`` is the earlier date, None when no plant can make it any sooner."""

    chosen: bool
    standard: date | None
    express: date | None

    @property
    def available(self) -> bool:
        return self.express is not None


def express_outlook(
    *, sku: str, definition: ProductDefinition, configuration: NormalizedConfiguration | None
) -> ExpressOutlook | None:
    """The product page's express offer for a complete design; None when the product does
    not sell express production or the design is not complete yet."""
    if configuration is None or not offers_express(definition):
        return None
    values, quantity = configuration.values, configuration.quantity
    standard = product_promise_date(sku=sku, configuration=values, quantity=quantity)
    sooner = product_promise_date(sku=sku, configuration=values, quantity=quantity, express=True)
    earlier = sooner is not None and (standard is None or sooner < standard)
    return ExpressOutlook(
        chosen=configuration_is_express(definition, configuration),
        standard=standard,
        express=sooner if earlier else None,
    )
