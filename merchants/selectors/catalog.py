"""The catalog as a merchant's shop needs it to render a configurator: every option with
its allowed values, print areas and rules (shared rules spelled out), in English and
Chinese, and what the account pays."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from c2m.errors import NotFound
from imaging.print_setups import print_setup_for
from merchants.models import BusinessAccount, ContractPrice
from orders.models import Product, SharedRule

LANGUAGES = ["en", "zh-hans"]


def merchant_products() -> QuerySet[Product]:
    return Product.objects.filter(is_active=True).order_by("position", "sku")


def merchant_product_get(*, sku: str) -> Product:
    product = merchant_products().filter(sku=str(sku)[:64].replace("\x00", "")).first()
    if product is None:
        raise NotFound("No such product on sale.", code="product_not_found")
    return product


def catalog_entries(*, account: BusinessAccount, products: list[Product]) -> list[dict[str, Any]]:
    """Each product as the catalog API shows it (two queries whatever the number)."""
    contract = dict(
        ContractPrice.objects.filter(account=account, product__in=products).values_list(
            "product_id", "unit_price"
        )
    )
    codes = {r for p in products for r in p.definition.get("rules", []) if isinstance(r, str)}
    shared = {r.code: r.definition for r in SharedRule.objects.filter(code__in=codes)}
    out = []
    for product in products:
        definition = product.definition
        out.append(
            {
                "sku": product.sku,
                "name": {"en": product.name, "zh-hans": product.name_zh or product.name},
                "description": {
                    "en": product.description,
                    "zh-hans": product.description_zh or product.description,
                },
                "languages": LANGUAGES,
                "currency": product.currency,
                "list_price": f"{product.base_price:.2f}",
                "price_list": (
                    {"kind": "contract", "unit_price": f"{contract[product.pk]:.2f}"}
                    if product.pk in contract
                    else {"kind": "discount", "percent": f"{account.discount_percent:.2f}"}
                ),
                "definition_version": product.definition_version,
                "default_lead_days": product.default_lead_days,
                "quantity": definition.get("quantity", {}),
                "groups": definition.get("groups", []),
                "options": definition.get("options", []),
                "rules": [
                    shared.get(r, {"id": r}) if isinstance(r, str) else r
                    for r in definition.get("rules", [])
                ],
                "price_components": definition.get("price_components", []),
                "print_areas": _print_areas(product.sku),
            }
        )
    return out


def _print_areas(sku: str) -> list[dict[str, Any]]:
    """Each printable area with its physical size (artwork is placed in these)."""
    setup = print_setup_for(sku)
    if setup is None:
        return []
    return [
        {
            "name": a.name,
            "width_mm": a.width_mm,
            "height_mm": a.height_mm,
            "min_dpi": setup.blocked_below_dpi,
        }
        for a in setup.areas
    ]
