"""Place a few paid demo orders, so a newcomer sees work flow through the network."""

import io
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from orders.configurator.demo_catalog import DEMO_CONFIGURATIONS
from orders.models import Product
from orders.selectors.artwork import ArtworkOwner
from orders.services.artwork import artwork_upload
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
# The demo shop's own logo, uploaded like a shopper's artwork (same picture, same artwork).
DEMO_SHOP = ArtworkOwner(guest_token="demo-shop")
SHIRT_RUN = 24  # screen printing needs 20 or more


def demo_logo_png() -> bytes:
    """A 1600 px two-colour logo: sharp enough for the shirt's front print area."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (1600, 1600), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((100, 100, 1500, 1500), fill=(200, 30, 45, 255))
    draw.rectangle((500, 650, 1100, 950), fill=(255, 255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def screen_print_shirt_design() -> dict:
    """The demo T-shirt: screen print of the shop's logo, with a gift box and neck label."""
    artwork, _created = artwork_upload(
        owner=DEMO_SHOP, file=demo_logo_png(), original_name="demo-logo.png"
    )
    return {
        **DEMO_CONFIGURATIONS["TEE-PRINT"]["options"],
        "print_method": "screen",
        "artwork_front": {"artwork_id": artwork.public_id, "placement": {"scale": "0.8"}},
        "artwork_back": None,
        "extras": ["gift_box", "neck_label"],
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
        designs = {**DESIGNS, "TEE-PRINT": screen_print_shirt_design()}
        products = {p.sku: p for p in Product.objects.filter(sku__in=designs, is_active=True)}
        for _ in range(count):
            sku = rng.choice(sorted(products))
            product = products[sku]
            quantity = SHIRT_RUN if sku == "TEE-PRINT" else rng.randint(1, 3)
            raw = {"options": designs[sku], "quantity": quantity}
            configuration, quantity = configuration_create(
                product=product, raw=raw, artwork_owner=DEMO_SHOP
            )
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
