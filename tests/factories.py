"""factory_boy factories and small builders for test data, created through services."""

from __future__ import annotations

import factory

from demo.recipes import DEMO_RECIPES
from demo.shop_window import DEMO_PRODUCTS, DEMO_RULES
from orders.models import Order, Product
from orders.services.catalog import product_upsert, shared_rule_upsert
from orders.services.configurations import configuration_create
from orders.services.orders import LineRequest, order_place
from production.models import Factory, Recipe
from production.selectors.routing_inputs import centre_types
from production.services.capacity_calendar import capacity_materialize
from production.services.factories import factory_upsert
from production.services.network import factory_work_centres_set

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
        # Routing needs published capacity: every centre type the capabilities imply,
        # open every day (0 or None: none, for tests that publish their own).
        minutes = kwargs.pop("minutes_per_day", 480)
        plant = factory_upsert(**kwargs)
        if minutes:
            plant_capacity(plant, minutes_per_day=minutes)
        return plant


def plant_capacity(
    plant: Factory,
    *,
    minutes_per_day: int = 480,
    cost_per_minute: str = "0.50",
    centres: list[str] | None = None,
    days: int = 60,
) -> Factory:
    """Give a plant work centres (all days open) and materialize its capacity calendar."""
    types = centres or centre_types(plant.capabilities.values_list("code", flat=True))
    factory_work_centres_set(
        factory=plant,
        centres={
            t: {
                "default_minutes_per_day": minutes_per_day,
                "works_weekends": True,
                "cost_per_minute": cost_per_minute,
            }
            for t in types
        },
    )
    capacity_materialize(factory_id=plant.pk, days=days)
    return plant


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


def plant_capacity_cleared(plant: Factory) -> Factory:
    """Remove the work centres and calendar a plant builder gave it (for capacity tests)."""
    from production.models import CapacityDay, WorkCentre

    CapacityDay.objects.filter(factory=plant).delete()
    WorkCentre.objects.filter(factory=plant).delete()
    return plant
