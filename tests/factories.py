"""factory_boy factories and small builders for test data, created through services."""

from __future__ import annotations

import factory

from orders.demo import DEMO_PRODUCTS, DEMO_RULES
from orders.models import Order, Product
from orders.services.catalog import product_upsert, shared_rule_upsert
from orders.services.configurations import configuration_create
from orders.services.orders import LineRequest, order_place
from production.demo import DEMO_RECIPES
from production.models import Factory, Recipe
from production.services.factories import factory_upsert

SHIP_TO = {
    "name": "Li Wei",
    "line1": "88 Century Avenue",
    "city": "Shanghai",
    "postal_code": "200120",
    "country": "CN",
}


class PlantFactory(factory.Factory):
    """A partner factory (named plant here to avoid the clash with factory_boy)."""

    class Meta:
        model = dict

    code = factory.Sequence(lambda n: f"plant-{n}")
    name = factory.Sequence(lambda n: f"Plant {n}")
    city = "Shenzhen"
    country = "CN"
    latitude = 22.54
    longitude = 114.06
    capabilities = ("dtg_print", "laser_engrave", "qc", "pack")

    @classmethod
    def _create(cls, model_class, *args, **kwargs) -> Factory:
        return factory_upsert(**kwargs)


def demo_product(sku: str = "TUMBLER-ENGRAVED") -> Product:
    for code, rule in DEMO_RULES.items():
        shared_rule_upsert(code=code, definition=rule)
    data = next(p for p in DEMO_PRODUCTS if p["definition"]["sku"] == sku)
    recipe = next(r for r in DEMO_RECIPES if r["product_sku"] == sku)
    Recipe.objects.update_or_create(
        product_sku=sku, defaults={k: v for k, v in recipe.items() if k != "product_sku"}
    )
    return product_upsert(**data)


def place_order(product: Product, options: dict, quantity: int = 1, **kwargs) -> Order:
    configuration, quantity = configuration_create(
        product=product, raw={"quantity": quantity, "options": options}
    )
    defaults = {"email": "li.wei@example.com", "ship_to": SHIP_TO, "actor": "customer"}
    return order_place(
        lines=[LineRequest(product=product, configuration=configuration, quantity=quantity)],
        **(defaults | kwargs),
    )
