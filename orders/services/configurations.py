"""Turning what a customer chose into an immutable, priced configuration snapshot."""

from __future__ import annotations

import threading
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cachetools import LRUCache, cached

from configurator import (
    ConfigurationOutdated,
    NormalizedConfiguration,
    PriceBreakdown,
    PriceComponent,
    ProductDefinition,
    Validation,
    price,
    return_policy,
    validate,
    warranty_months,
)
from configurator.summary import summarize
from orders.models import Configuration, Product, SharedRule
from orders.selectors.artwork import ArtworkOwner
from orders.services.artwork import artworks_adopt_shared, artworks_check_configuration
from orders.services.errors import ConfigurationInvalid


@dataclass(frozen=True)
class PriceQuote:
    unit_price: Decimal
    total: Decimal
    breakdown: list[dict[str, Any]]
    # Months of warranty from delivery: the product's plus the extended warranty bought.
    warranty_months: int = 0
    # Days after delivery it may be returned (0: never) and why not ("personalised",
    # "not_returnable"), as the catalog's policy said when it was priced.
    return_days: int = 0
    return_refusal: str = ""


# Compiled definitions by (product id, version): a version never changes once made.
@cached(
    LRUCache(maxsize=512),
    key=lambda product: (product.pk, product.definition_version),
    lock=threading.Lock(),
)
def product_definition(product: Product) -> ProductDefinition:
    """Return the product's compiled configurator definition (cached per version).

    Raises ``DefinitionError`` when the stored definition is inconsistent.
    """
    data = {**product.definition, "sku": product.sku, "version": product.definition_version}
    shared = {
        r.code: r.definition
        for r in SharedRule.objects.filter(
            code__in=[r for r in data.get("rules", []) if isinstance(r, str)]
        )
    }
    return ProductDefinition.from_dict(data, shared_rules=shared)


def configuration_check(*, product: Product, raw: Any) -> Validation:
    """Validate without storing: for live updates of the configurator. Never raises."""
    return validate(product_definition(product), raw)


def configuration_create(
    *,
    product: Product,
    raw: Any,
    artwork_owner: ArtworkOwner | None = None,
    shared_artworks: Collection[str] = (),
) -> tuple[Configuration, int]:
    """Validate ``raw`` against the product's definition and store its snapshot.

    With ``artwork_owner`` (a shopper designing it), every artwork it places must be that
    owner's and sharp enough for its print area (the preflight reports are stored with the
    configuration, per option code), else ``ApplicationError``
    (``invalid_configuration``) naming the option. Re-validating a stored design (checkout,
    order again) passes no owner: its artwork was checked when it was made.
    ``shared_artworks`` are the artwork ids of a shared design the owner opened (its token
    verified): the owner gets their own copy of each, and the configuration uses the copy.
    Returns the configuration (shared with identical earlier ones) and its quantity.
    Raises ``ConfigurationInvalid`` with per-option errors in English and Chinese.
    """
    definition = product_definition(product)
    if shared_artworks and artwork_owner is not None and isinstance(raw, dict):
        options = raw.get("options")
        if isinstance(options, dict):
            adopted = artworks_adopt_shared(
                options=options, shared=shared_artworks, owner=artwork_owner
            )
            raw = {**raw, "options": adopted}
    result = validate(definition, raw)
    if not result.is_valid:
        raise ConfigurationInvalid.from_validation(result)
    normalized = result.configuration
    assert normalized is not None
    preflight = {}
    if artwork_owner is not None:
        preflight = artworks_check_configuration(
            sku=product.sku, values=normalized.values, owner=artwork_owner
        )
    configuration, created = Configuration.objects.get_or_create(
        content_hash=normalized.content_hash,
        defaults={
            "product": product,
            "definition_version": normalized.version,
            "values": normalized.values,
            "quantity": normalized.quantity,
            "summary": summarize(definition, normalized.values, "en"),
            "preflight": preflight,
        },
    )
    if not created and preflight and configuration.preflight != preflight:
        # Stored before reports were kept: the same artwork and placement give the same report.
        configuration.preflight = preflight
        configuration.save(update_fields=["preflight"])
    return configuration, normalized.quantity


def configuration_price(*, product: Product, configuration: Configuration) -> PriceQuote:
    """Price a stored configuration from its snapshot; never from anything a client sent.

    Raises ``ConfigurationInvalid`` (code ``configuration_outdated``) when the product
    changed since: the customer must look at it again.
    """
    normalized = NormalizedConfiguration(
        sku=product.sku,
        version=configuration.definition_version,
        quantity=configuration.quantity,
        values=configuration.values,
    )
    try:
        definition = product_definition(product)
        breakdown = price(definition, normalized)
        months = warranty_months(definition, normalized.values)
        returns = return_policy(definition, normalized.values)
    except ConfigurationOutdated:
        raise ConfigurationInvalid(
            f"{product.name} has changed since this design was made; please review it.",
            code="configuration_outdated",
        ) from None
    return _quote(definition, breakdown, months, returns)


def _quote(
    definition: ProductDefinition,
    breakdown: PriceBreakdown,
    months: int,
    returns: tuple[int, str] = (0, ""),
) -> PriceQuote:
    # The component kind says what a line is paid for (the dashboard's service revenue).
    components = {c.code: c for c in definition.price_components}
    lines = []
    for line in breakdown.lines:
        component = components.get(line.code)
        entry: dict[str, Any] = {
            "code": line.code,
            "kind": component.kind if component else "base" if line.code == "base" else "option",
            "label": line.label.to_dict(),
            "amount": str(line.amount),
            "reason": dict(line.reason),
            "per_unit": line.per_unit,
        }
        if component is not None and component.kind == "service":
            entry["service"] = _service_terms(component)
        lines.append(entry)
    return PriceQuote(
        unit_price=breakdown.unit_price,
        total=breakdown.total,
        breakdown=lines,
        warranty_months=months,
        return_days=returns[0],
        return_refusal=returns[1],
    )


def _service_terms(component: PriceComponent) -> dict[str, Any]:
    """Who performs a sold service and how: frozen with the order line for fulfilment."""
    terms: dict[str, Any] = {"code": component.service, "fulfilment": component.fulfilment}
    if component.express:
        terms["express"] = True  # made in the plants' express lane, not as an operation
    elif component.fulfilment == "plant":
        terms |= {"capability": component.capability, "work_centre": component.work_centre}
        terms["minutes"] = str(component.minutes)
    if component.warranty_months:
        terms["warranty_months"] = component.warranty_months
    return terms
