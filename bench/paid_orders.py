"""Paid orders of the four demo products, written with bulk inserts (bench and tests).

Rows look like those ``order_place`` writes for a paid order (order, lines with their
configuration snapshot, an ``order.paid`` outbox message), without HTTP or pricing, so
thousands can be made in a second or two.
"""

from __future__ import annotations

import hashlib
import json
import random
import secrets
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from orders.models import Order, OrderLine, OrderStatus, OutboxMessage
from orders.services.outbox import REDELIVERY_AFTER
from production.demo import DEMO_RECIPES
from production.services.recipes import recipe_upsert

SHIP_TO = {
    "name": "Li Wei",
    "line1": "88 Century Avenue",
    "city": "Shanghai",
    "postal_code": "200120",
    "country": "CN",
}
NAMES = {
    "custom-tee": "Custom printed T-shirt",
    "engraved-tumbler": "Engraved stainless tumbler",
    "made-to-measure-shirt": "Made-to-measure shirt",
    "solid-wood-table": "Solid-wood table",
}


def demo_recipes_seed() -> None:
    for recipe in DEMO_RECIPES:
        recipe_upsert(**recipe)


def demo_configuration(sku: str, rng: random.Random) -> dict[str, Any]:
    """A normalized configuration of a demo product, as the configurator stores it."""
    if sku == "custom-tee":
        values: dict[str, Any] = {
            "size": rng.choice(["S", "M", "L", "XL", "XXL"]),
            "colour": rng.choice(["white", "black", "navy"]),
            "front": {"artwork": rng.randint(1, 500), "area": "front", "placement": "center"},
        }
        if rng.random() < 0.4:
            values["back"] = {"artwork": rng.randint(1, 500), "area": "back", "placement": "top"}
        return values
    if sku == "engraved-tumbler":
        return {
            "finish": rng.choice(["brushed", "matte", "gloss"]),
            "engraving_text": rng.choice(["LI WEI", "Happy birthday Mei", "C2M 2026", ""]),
            "font": rng.choice(["serif", "sans", "script"]),
        }
    if sku == "made-to-measure-shirt":
        return {
            "chest": str(rng.randint(86, 130)),
            "waist": str(rng.randint(70, 120)),
            "sleeve": str(rng.randint(58, 70)),
            "length": str(rng.randint(70, 84)),
            "fabric": rng.choice(["poplin", "oxford", "twill", "linen"]),
            "collar": rng.choice(["classic", "button_down", "cutaway"]),
            "cuff": rng.choice(["barrel", "french"]),
            "monogram": rng.choice(["", "", "LW", "JMK"]),
        }
    return {
        "width": str(rng.choice([90, 120, 160, 200])),
        "depth": str(rng.choice([60, 80, 90])),
        "height": "75",
        "wood": rng.choice(["oak", "walnut", "ash"]),
        "finish": rng.choice(["oil", "lacquer", "natural"]),
        "glass_top": rng.random() < 0.2,
    }


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
                values = demo_configuration(sku, rng)
                canonical = json.dumps({"sku": sku, "values": values}, sort_keys=True)
                lines.append(
                    OrderLine(
                        order=order,
                        line_no=line_no,
                        product_sku=sku,
                        product_name=NAMES.get(sku, sku),
                        configuration_hash=hashlib.sha256(canonical.encode()).hexdigest(),
                        configuration=values,
                        configuration_summary=[[k, str(v)] for k, v in values.items()],
                        quantity=rng.choice([1, 1, 1, 2, 5, 20]),
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
