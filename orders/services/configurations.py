"""Turning what a customer chose into an immutable, priced configuration snapshot."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from c2m.errors import ApplicationError
from orders.models import Configuration, Product


@dataclass(frozen=True)
class PriceQuote:
    unit_price: Decimal
    breakdown: list[dict[str, str]]


def configuration_create(*, product: Product, raw: Any) -> tuple[Configuration, int]:
    """Validate ``raw`` against the product's definition and store its snapshot.

    Returns the configuration (shared with identical earlier ones) and the quantity.
    Raises ``ApplicationError`` (code ``invalid_configuration``) with per-option errors.
    """
    values, quantity, summary = _validate(product, raw)
    canonical = json.dumps(
        {"sku": product.sku, "version": product.definition_version, "values": values},
        sort_keys=True,
        separators=(",", ":"),
    )
    content_hash = hashlib.sha256(canonical.encode()).hexdigest()
    configuration, _ = Configuration.objects.get_or_create(
        content_hash=content_hash,
        defaults={
            "product": product,
            "definition_version": product.definition_version,
            "values": values,
            "summary": summary,
        },
    )
    return configuration, quantity


def configuration_price(*, product: Product, configuration: Configuration) -> PriceQuote:
    """Price one unit from the stored snapshot; never from anything the client sent."""
    lines = [{"label": "Base price", "amount": str(product.base_price)}]
    total = product.base_price
    options = {o["code"]: o for o in product.definition.get("options", [])}
    for code, value in configuration.values.items():
        choice = _choice(options[code], value)
        delta = Decimal(choice.get("price_delta", "0"))
        if delta:
            lines.append(
                {"label": f"{options[code]['label']}: {choice['label']}", "amount": str(delta)}
            )
            total += delta
    return PriceQuote(unit_price=total.quantize(Decimal("0.01")), breakdown=lines)


def _validate(product: Product, raw: Any) -> tuple[dict[str, str], int, list[list[str]]]:
    if not isinstance(raw, dict):
        raise ApplicationError("A configuration is an object.", code="invalid_configuration")
    chosen = raw.get("options") if isinstance(raw.get("options"), dict) else {}
    errors: dict[str, list[str]] = {}
    values: dict[str, str] = {}
    summary: list[list[str]] = []
    for option in product.definition.get("options", []):
        value = chosen.get(option["code"])
        choice = _choice(option, value)
        if not choice:
            errors[option["code"]] = [f"Choose one of the listed {option['label'].lower()}s."]
            continue
        values[option["code"]] = choice["code"]
        summary.append([option["label"], choice["label"]])
    quantity = raw.get("quantity", 1)
    if not isinstance(quantity, int) or isinstance(quantity, bool) or not 1 <= quantity <= 10_000:
        errors["quantity"] = ["Enter a whole number from 1 to 10000."]
    if errors:
        raise ApplicationError(
            "The configuration is not valid.", code="invalid_configuration", errors=errors
        )
    return values, quantity, summary


def _choice(option: dict[str, Any], value: Any) -> dict[str, Any]:
    return next((c for c in option.get("values", []) if c["code"] == value), {})
