"""The demo catalog: product definitions, shared rules and one valid configuration each.

Build definitions with ``ProductDefinition.from_dict(data, shared_rules=DEMO_RULES)`` or
:func:`demo_definitions`.
"""

from __future__ import annotations

from typing import Any

from configurator import ProductDefinition
from demo.catalog.definitions import DEMO_RULES, TSHIRT, TUMBLER
from demo.catalog.made_to_measure import SHIRT, TABLE

DEMO_PRODUCTS: list[dict[str, Any]] = [TSHIRT, TUMBLER, SHIRT, TABLE]

# One valid raw configuration per demo product, keyed by SKU (for tests and the benchmark).
DEMO_CONFIGURATIONS: dict[str, dict[str, Any]] = {
    "TEE-PRINT": {
        "quantity": 24,
        "options": {
            "size": "L",
            "colour": "#111111",
            "print_method": "screen",
            "artwork_front": {"artwork_id": "art_8f3a", "placement": {"scale": "0.8"}},
            "artwork_back": {"artwork_id": "art_19c2", "print_area": "back"},
            "extras": ["polybag", "neck_label"],
        },
    },
    "TUMBLER-ENGRAVED": {
        "quantity": 2,
        "options": {
            "capacity": "750ml",
            "finish": "matte_black",
            "engraving": {"text": "Li Wei 李伟\n2026", "font": "kai"},
        },
    },
    "SHIRT-MTM": {
        "quantity": 1,
        "options": {
            "chest": "102.5",
            "waist": "88",
            "sleeve": "64",
            "length": "76.5",
            "fabric": "oxford",
            "collar": "mandarin",
            "cuff": "french",
            "add_monogram": "yes",
            "monogram": "JZ",
        },
    },
    "TABLE-SOLID": {
        "quantity": 1,
        "options": {"width": "180", "depth": "90", "wood": "walnut", "top": "solid"},
    },
}


def demo_definitions() -> list[ProductDefinition]:
    """Return the demo products as checked definitions (raises DefinitionError if broken)."""
    return [ProductDefinition.from_dict(p, shared_rules=DEMO_RULES) for p in DEMO_PRODUCTS]


__all__ = ["DEMO_CONFIGURATIONS", "DEMO_PRODUCTS", "DEMO_RULES", "demo_definitions"]
