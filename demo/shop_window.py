"""The demo catalog seeded by the run command and used by tests: the configurator's demo
definitions plus what the shop window shows about each product."""

from typing import Any

from demo.catalog import DEMO_PRODUCTS as DEFINITIONS
from demo.catalog import DEMO_RULES

SHOP_WINDOW = {
    "TEE-PRINT": {
        "description": "Heavyweight combed cotton, printed to order with your own artwork.",
        "description_zh": "精梳重磅纯棉，按单印制您的专属图案。",
        "image": "orders/mockups/tshirt-white.png",
        "position": 1,
    },
    "TUMBLER-ENGRAVED": {
        "description": "Double-walled stainless steel, laser-engraved with your words.",
        "description_zh": "双层不锈钢，激光镌刻您的文字。",
        "image": "orders/mockups/tumbler-steel.png",
        "position": 2,
    },
    "SHIRT-MTM": {
        "description": "Cut to your measurements from fabrics woven in Jiangsu.",
        "description_zh": "按您的尺寸裁剪，面料织造于江苏。",
        "image": "orders/mockups/shirt-sky.png",
        "position": 3,
    },
    "TABLE-SOLID": {
        "description": "Solid ash, oak or walnut, made to the centimetre.",
        "description_zh": "白蜡木、橡木或胡桃木实木，精确到厘米。",
        "image": "img/products/table.svg",
        "position": 4,
    },
}

DEMO_PRODUCTS: list[dict[str, Any]] = [
    {"definition": d, **SHOP_WINDOW[d["sku"]]} for d in DEFINITIONS
]

__all__ = ["DEMO_PRODUCTS", "DEMO_RULES"]
