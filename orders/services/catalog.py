"""Publishing products to the catalog."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from orders.models import Product


def product_upsert(*, sku: str, definition: dict[str, Any], **fields: Any) -> Product:
    """Create a product or update it; a changed definition gets a new version, so existing
    configurations keep the version they were validated against."""
    if "base_price" in fields:
        fields["base_price"] = Decimal(str(fields["base_price"]))
    with transaction.atomic():
        product = Product.objects.select_for_update().filter(sku=sku).first()
        if product is None:
            return Product.objects.create(sku=sku, definition=definition, **fields)
        if product.definition != definition:
            product.definition = definition
            product.definition_version += 1
        for name, value in fields.items():
            setattr(product, name, value)
        product.save()
    return product
