"""Looking up products: for a reorder, and behind the order lines a page or email shows."""

from __future__ import annotations

from collections.abc import Iterable

from orders.models import OrderLine, Product


def products_by_sku(*, skus: Iterable[str]) -> dict[str, Product]:
    """Products on sale, by SKU; retired ones are missing."""
    return {p.sku: p for p in Product.objects.filter(sku__in=set(skus), is_active=True)}


def line_products_load(lines: Iterable[OrderLine]) -> None:
    """Give each line its ``catalog_product`` (None when the product is gone), reading the
    products of all of them in one query; lines loaded already are skipped."""
    missing = [line for line in lines if not hasattr(line, "catalog_product")]
    if not missing:
        return
    products = Product.objects.in_bulk({line.product_sku for line in missing}, field_name="sku")
    for line in missing:
        line.catalog_product = products.get(line.product_sku)


def line_product(line: OrderLine) -> Product | None:
    """The line's product in the catalogue now (retired ones included), as loaded by
    ``line_products_load`` or read on the spot."""
    line_products_load([line])
    return line.catalog_product
