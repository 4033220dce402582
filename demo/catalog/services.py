"""Paid services the demo sells with its goods: each a choice of the product's "Services"
option and a ``service`` price component that prices it and says who performs it.

Express production is priority production: the line is made in the plants' express lane
(the first days of capacity a plant holds for it), so it is promised and due sooner. It is
only sold when some plant can make the design sooner that way (checkout refuses it
otherwise, and the product page says so).
"""

# Chinese labels use full-width punctuation on purpose.

from __future__ import annotations

from typing import Any


def _l(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh-hans": zh}


SERVICES_GROUP = {"code": "services", "label": _l("Services we add", "我们提供的服务")}

# service code -> (English, Chinese, price, fields of the price component)
_SERVICES: dict[str, tuple[str, str, str, dict[str, Any]]] = {
    "design_help": (
        "Design help from our studio",
        "设计师协助",
        "88.00",
        {"fulfilment": "platform", "per_unit": False},
    ),
    "gift_wrap": (
        "Gift wrapping",
        "礼品包装",
        "12.00",
        {"fulfilment": "plant", "capability": "pack", "work_centre": "packing", "minutes": "3"},
    ),
    "assembly": (
        "Assembled at the workshop",
        "工厂预组装",
        "180.00",
        {
            "fulfilment": "plant",
            "capability": "assemble",
            "work_centre": "assembly_bench",
            "minutes": "40",
        },
    ),
    "express_production": (
        "Express production",
        "加急生产",
        "25.00",
        {"fulfilment": "plant", "express": True, "per_unit": False},
    ),
    "extended_warranty": (
        "Extended warranty, 24 more months",
        "延长保修24个月",
        "260.00",
        {"fulfilment": "platform", "warranty_months": 24},
    ),
    "care_plan": (
        "Care plan: yearly oil and check-up",
        "年度养护计划",
        "150.00",
        {"fulfilment": "platform"},
    ),
}


def services_option(*codes: str) -> dict[str, Any]:
    """The "Services" option offering ``codes`` (priced by :func:`service_components`)."""
    return {
        "code": "services",
        "kind": "multi_choice",
        "label": _l("Services", "增值服务"),
        "group": "services",
        "min_selections": 0,
        "values": [
            {"code": code, "label": _l(*_SERVICES[code][:2]), "price_delta": "0"} for code in codes
        ],
    }


def service_components(*codes: str) -> list[dict[str, Any]]:
    """One ``service`` price component per code, ordered by its choice in "Services"."""
    components = []
    for code in codes:
        en, zh, amount, fields = _SERVICES[code]
        components.append(
            {
                "code": f"service_{code}",
                "kind": "service",
                "service": code,
                "label": _l(en, zh),
                "amount": amount,
                "when": {"option": "services", "values": [code]},
                **fields,
            }
        )
    return components
