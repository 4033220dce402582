"""Paid orders of the four demo products, written with bulk inserts (bench and tests).

Rows look like those ``order_place`` writes for a paid order (order, lines with their
configuration snapshot as the configurator normalizes it, an ``order.paid`` outbox message),
without HTTP or pricing, so thousands can be made in a second or two.
"""

from __future__ import annotations

import functools
import json
import random
import secrets
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from configurator import NormalizedConfiguration, ProductDefinition, validate
from configurator.summary import summarize
from demo.catalog import DEMO_PRODUCTS, DEMO_RULES
from demo.recipes import DEMO_RECIPES
from orders.models import Order, OrderLine, OrderStatus, OutboxMessage
from orders.services.outbox import REDELIVERY_AFTER
from production.services.recipes import recipe_upsert

SHIP_TO = {
    "name": "Li Wei",
    "line1": "88 Century Avenue",
    "city": "Shanghai",
    "postal_code": "200120",
    "country": "CN",
}

# The configurator's demo products by SKU, and the names an order line keeps.
PRODUCTS = {product["sku"]: product for product in DEMO_PRODUCTS}
NAMES = {sku: product["name"]["en"] for sku, product in PRODUCTS.items()}
QUANTITIES = [1, 1, 1, 2, 5, 20]  # capped at each product's maximum (10 shirts)
ARTWORKS = [f"art_{n:04x}" for n in range(0x8F30, 0x8F40)]
ENGRAVINGS = [
    {"text": "LI WEI", "font": "serif"},
    {"text": "Happy birthday Mei", "font": "script"},
    {"text": "C2M\n2026", "font": "serif"},
    {"text": "李伟", "font": "kai"},
]
MONOGRAMS = [{"text": "LW", "font": "block"}, {"text": "JMK", "font": "script"}]
# chest, waist, sleeve, length (cm): a few customers' measurements, the last two large.
MEASUREMENTS = [
    ("88", "72", "60", "72"),
    ("96", "82", "62.5", "74"),
    ("102.5", "88", "64", "76.5"),
    ("110", "98", "65.5", "78"),
    ("124", "108", "66", "80"),
    ("132", "122", "67", "82.5"),
]


def demo_recipes_seed() -> None:
    for recipe in DEMO_RECIPES:
        recipe_upsert(**recipe)


def demo_configuration(
    sku: str, rng: random.Random, quantity: int = 1
) -> tuple[NormalizedConfiguration, list[list[str]]]:
    """A random valid configuration of a demo product as the configurator normalizes it,
    with its summary in English (what an order line keeps).

    Raw options are drawn as a customer would pick them, within the product's rules, and
    validated by the configurator once per distinct raw configuration. Raises
    ``ValueError`` if the configurator refuses one: this generator is behind the catalog.
    """
    options = _raw_options(sku, rng, quantity)
    return _normalized(sku, json.dumps({"quantity": quantity, "options": options}))


def _raw_options(sku: str, rng: random.Random, quantity: int) -> dict[str, Any]:
    if sku == "TEE-PRINT":
        options: dict[str, Any] = {
            "size": rng.choice(["S", "M", "L", "XL", "XXL"]),
            "colour": rng.choice(["#FFFFFF", "#111111", "#1F2A44", "#B8B8B8"]),
            # Screen printing starts at 20 pieces.
            "print_method": "screen" if quantity >= 20 and rng.random() < 0.5 else "dtg",
            "artwork_front": {"artwork_id": rng.choice(ARTWORKS)},
            "extras": rng.choice([[], [], ["polybag"], ["neck_label", "polybag"], ["gift_box"]]),
        }
        if rng.random() < 0.4:
            options["artwork_back"] = {
                "artwork_id": rng.choice(ARTWORKS),
                "placement": {"scale": rng.choice(["0.8", "1"])},
            }
        return options
    if sku == "TUMBLER-ENGRAVED":
        engraving = rng.choice([None, *ENGRAVINGS])
        finishes = ["brushed", "matte_black", "powder_white"]  # mirror cannot be engraved
        options = {
            "capacity": rng.choice(["500ml", "750ml"]),
            "finish": rng.choice(finishes if engraving else [*finishes, "mirror"]),
        }
        if engraving:
            options["engraving"] = engraving
        return options
    if sku == "SHIRT-MTM":
        chest, waist, sleeve, length = rng.choice(MEASUREMENTS)
        fabric = rng.choice(["poplin", "oxford", "linen", "silk_cotton"])
        monogram = rng.choice([None, None, *MONOGRAMS])
        options = {
            "chest": chest,
            "waist": waist,
            "sleeve": sleeve,
            "length": length,
            "fabric": fabric,
            "collar": rng.choice(["classic", "button_down", "cutaway", "mandarin"]),
            # Linen is too soft for French cuffs.
            "cuff": "barrel" if fabric == "linen" else rng.choice(["barrel", "french"]),
            "add_monogram": "yes" if monogram else "no",
        }
        if monogram:
            options["monogram"] = monogram
        return options
    glass = rng.random() < 0.2
    options = {
        # Glass tops are made up to 180 cm wide.
        "width": str(rng.choice([90, 120, 160] if glass else [90, 120, 160, 200])),
        "depth": str(rng.choice([60, 80, 90])),
        "height": rng.choice(["72", "75", "75"]),
        "wood": rng.choice(["oak", "walnut", "ash"]),
        "finish": rng.choice(["oil", "matte_lacquer"]),
        "top": "glass" if glass else "solid",
    }
    if glass:
        options["glass_tint"] = rng.choice(["clear", "bronze"])
    return options


@functools.cache
def _definition(sku: str) -> ProductDefinition:
    return ProductDefinition.from_dict(PRODUCTS[sku], shared_rules=DEMO_RULES)


@functools.cache
def _normalized(sku: str, raw: str) -> tuple[NormalizedConfiguration, list[list[str]]]:
    """The configurator's normalized configuration of ``raw`` (JSON) and its summary."""
    definition = _definition(sku)
    result = validate(definition, json.loads(raw))
    if result.configuration is None:
        problems = [error.to_dict() for error in result.errors]
        raise ValueError(f"The configurator refused a demo {sku}: {problems}")
    return result.configuration, summarize(definition, result.configuration.values, "en")


def paid_orders_create(
    count: int, *, seed: int = 0, skus: list[str] | None = None, max_lines: int = 3
) -> list[int]:
    """Create ``count`` paid orders of 1 to ``max_lines`` lines; return their outbox ids."""
    rng = random.Random(seed)
    skus = skus or list(NAMES)
    now = timezone.now()
    promised = timezone.localdate() + timedelta(days=14)
    with transaction.atomic():
        orders = Order.objects.bulk_create(
            Order(
                number=f"C2M-{secrets.token_hex(2).upper()}-{secrets.token_hex(3).upper()}",
                email="li.wei@example.com",
                status=OrderStatus.PLACED,
                ship_to=SHIP_TO,
                tracking_token=secrets.token_urlsafe(24),
                promised_date=promised,
            )
            for _ in range(count)
        )
        lines = []
        for order in orders:
            for line_no in range(1, rng.randint(1, max_lines) + 1):
                sku = rng.choice(skus)
                maximum = PRODUCTS[sku]["quantity"]["max"]
                quantity = min(rng.choice(QUANTITIES), maximum)
                configuration, summary = demo_configuration(sku, rng, quantity)
                lines.append(
                    OrderLine(
                        order=order,
                        line_no=line_no,
                        product_sku=sku,
                        product_name=NAMES[sku],
                        configuration_hash=configuration.content_hash,
                        configuration=configuration.values,
                        configuration_summary=summary,
                        quantity=quantity,
                        unit_price=Decimal("99.00"),
                        line_total=Decimal("99.00"),
                    )
                )
        OrderLine.objects.bulk_create(lines, batch_size=5000)
        messages = OutboxMessage.objects.bulk_create(
            OutboxMessage(
                topic="order.paid",
                payload={"order_id": order.pk},
                available_at=now + REDELIVERY_AFTER,
            )
            for order in orders
        )
    return [m.pk for m in messages]
