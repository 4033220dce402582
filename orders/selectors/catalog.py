"""Looking up products for a reorder."""

from __future__ import annotations

from collections.abc import Iterable

from orders.models import Product


def products_by_sku(*, skus: Iterable[str]) -> dict[str, Product]:
    """Products on sale, by SKU; retired ones are missing."""
    return {p.sku: p for p in Product.objects.filter(sku__in=set(skus), is_active=True)}
