"""Publishing products and shared rules to the catalog."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from configurator import ProductDefinition
from orders.models import Product, SharedRule

# What the shop window shows besides the definition; everything else comes from it.
DISPLAY_FIELDS = ("description", "description_zh", "image", "is_active", "position")


def product_upsert(*, definition: dict[str, Any], sku: str | None = None, **fields: Any) -> Product:
    """Create or update the product a configurator definition describes.

    Name, price, currency and lead time are read from the definition; ``sku``, when given,
    overrides the definition's. A changed definition gets a new version, so configurations
    keep the version they were validated against. Raises ``DefinitionError`` listing every
    problem of an inconsistent definition, and ``TypeError`` for a field not in
    ``DISPLAY_FIELDS``.
    """
    unknown = set(fields) - set(DISPLAY_FIELDS)
    if unknown:
        raise TypeError(f"product_upsert() got unexpected fields {sorted(unknown)}")
    if sku:
        definition = {**definition, "sku": sku}
    shared = {r.code: r.definition for r in SharedRule.objects.all()}
    compiled = ProductDefinition.from_dict(definition, shared_rules=shared)
    fields |= {
        "name": compiled.name.en,
        "name_zh": compiled.name.zh_hans,
        "base_price": Decimal(compiled.base_price),
        "currency": compiled.currency,
        "default_lead_days": compiled.default_lead_days,
    }
    with transaction.atomic():
        product = Product.objects.select_for_update().filter(sku=compiled.sku).first()
        if product is None:
            return Product.objects.create(sku=compiled.sku, definition=definition, **fields)
        if product.definition != definition:
            product.definition = definition
            product.definition_version += 1
        for name, value in fields.items():
            setattr(product, name, value)
        product.save()
    return product


def shared_rule_upsert(*, code: str, definition: dict[str, Any]) -> SharedRule:
    """Create or change a shared rule; products using it get a new definition version."""
    with transaction.atomic():
        rule, created = SharedRule.objects.select_for_update().get_or_create(
            code=code, defaults={"definition": definition}
        )
        if not created and rule.definition != definition:
            rule.definition = definition
            rule.save(update_fields=["definition", "updated_at"])
            for product in Product.objects.select_for_update().filter(
                definition__rules__contains=[code]
            ):
                product.definition_version += 1
                product.save(update_fields=["definition_version", "updated_at"])
    return rule
