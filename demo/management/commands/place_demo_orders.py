"""Place a few paid demo orders, so a newcomer sees work flow through the network."""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.catalog import DEMO_CONFIGURATIONS
from orders.models import Product
from orders.services.configurations import configuration_create
from orders.services.orders import LineRequest, order_place

CUSTOMERS = [
    (
        "wang.fang@example.com",
        {
            "name": "Wang Fang",
            "line1": "1 Jianguo Road",
            "city": "Beijing",
            "postal_code": "100022",
            "country": "CN",
        },
    ),
    (
        "anna.schmidt@example.com",
        {
            "name": "Anna Schmidt",
            "line1": "Hauptstraße 5",
            "city": "Berlin",
            "postal_code": "10115",
            "country": "DE",
        },
    ),
    (
        "chen.jie@example.com",
        {
            "name": "Chen Jie",
            "line1": "200 Nanjing Road",
            "city": "Shanghai",
            "postal_code": "200001",
            "country": "CN",
        },
    ),
]


# Sample designs of the products that need no uploaded artwork.
DESIGNS = {
    sku: raw["options"]
    for sku, raw in DEMO_CONFIGURATIONS.items()
    if sku in {"TUMBLER-ENGRAVED", "SHIRT-MTM", "TABLE-SOLID"}
}


class Command(BaseCommand):
    help = "Place N paid demo orders with random configurations."

    def add_arguments(self, parser) -> None:
        parser.add_argument("count", type=int, nargs="?", default=5)
        parser.add_argument("--seed", type=int, default=None)

    def handle(self, *args, count: int, seed: int | None, **opts) -> None:
        if not settings.DEMO_MODE:
            # Its orders are marked paid without any payment and go to the plants.
            raise CommandError("place_demo_orders runs only under demo settings (DEMO_MODE).")
        rng = random.Random(seed)
        products = {p.sku: p for p in Product.objects.filter(sku__in=DESIGNS, is_active=True)}
        for _ in range(count):
            sku = rng.choice(sorted(products))
            product = products[sku]
            raw = {"options": DESIGNS[sku], "quantity": rng.randint(1, 3)}
            configuration, quantity = configuration_create(product=product, raw=raw)
            email, ship_to = rng.choice(CUSTOMERS)
            order = order_place(
                lines=[
                    LineRequest(product=product, configuration=configuration, quantity=quantity)
                ],
                email=email,
                ship_to=ship_to,
                actor="demo",
            )
            self.stdout.write(f"placed {order.number}: {product.name} ×{quantity}")
