"""Demo products (priced in CNY) exercising every option kind, rule kind and price component:
the printed T-shirt and the engraved tumbler (made-to-measure ones: ``made_to_measure``).

``DEMO_RULES`` are shared rules that products include by id; build definitions with
``ProductDefinition.from_dict(data, shared_rules=DEMO_RULES)`` or
:func:`demo.catalog.demo_definitions`.
"""

# Chinese labels use full-width punctuation on purpose.

from __future__ import annotations

from typing import Any

from demo.catalog.services import SERVICES_GROUP, service_components, services_option


def _l(en: str, zh: str) -> dict[str, str]:
    return {"en": en, "zh-hans": zh}


def _v(code: str, en: str, zh: str, delta: str = "0", **extra: Any) -> dict[str, Any]:
    return {"code": code, "label": _l(en, zh), "price_delta": delta, **extra}


DEMO_RULES: dict[str, dict[str, Any]] = {
    "screen-print-min-20": {
        "id": "screen-print-min-20",
        "kind": "quantity",
        "when": {"option": "print_method", "values": ["screen"]},
        "min": 20,
        "description": _l("Screen printing starts at 20 pieces.", "丝网印刷20件起订。"),
    },
    "glass-top-max-width": {
        "id": "glass-top-max-width",
        "kind": "numeric_bound",
        "when": {"option": "top", "values": ["glass"]},
        "option": "width",
        "max": "180",
        "description": _l(
            "Tempered glass tops are made up to 180 cm.", "钢化玻璃桌面最长180厘米。"
        ),
    },
}

TSHIRT: dict[str, Any] = {
    "sku": "TEE-PRINT",
    "name": _l("Custom-printed cotton T-shirt", "定制印花纯棉T恤"),
    "version": 1,
    "currency": "CNY",
    "base_price": "59.00",
    "default_lead_days": 5,
    "quantity": {"min": 1, "max": 500, "multiple_of": 1},
    "groups": [
        {"code": "garment", "label": _l("Garment", "服装")},
        {"code": "print", "label": _l("Print", "印花")},
    ],
    "options": [
        {
            "code": "size",
            "kind": "choice",
            "label": _l("Size", "尺码"),
            "group": "garment",
            "required": True,
            "values": [
                _v("S", "S", "S"),
                _v("M", "M", "M"),
                _v("L", "L", "L"),
                _v("XL", "XL", "XL"),
                _v("XXL", "XXL", "XXL", "10.00"),
            ],
        },
        {
            "code": "colour",
            "kind": "colour",
            "label": _l("Colour", "颜色"),
            "group": "garment",
            "required": True,
            "default": "#FFFFFF",
            "values": [
                _v("#FFFFFF", "White", "白色"),
                _v("#111111", "Black", "黑色", "5.00"),
                _v("#1F2A44", "Navy", "藏青色", "5.00"),
                _v("#B8B8B8", "Heather grey", "麻灰色"),
            ],
        },
        {
            "code": "print_method",
            "kind": "choice",
            "label": _l("Print method", "印花工艺"),
            "group": "print",
            "required": True,
            "default": "dtg",
            "values": [
                _v("dtg", "Direct-to-garment", "数码直喷"),
                _v("screen", "Screen print", "丝网印刷", "-8.00", extra_lead_days=2),
                _v("embroidery", "Embroidery", "刺绣", "25.00", extra_lead_days=2),
            ],
        },
        {
            "code": "artwork_front",
            "kind": "artwork",
            "label": _l("Front artwork", "正面图案"),
            "group": "print",
            "required": True,
            "print_areas": [{"code": "front", "label": _l("Front", "正面")}],
        },
        {
            "code": "artwork_back",
            "kind": "artwork",
            "label": _l("Back artwork", "背面图案"),
            "group": "print",
            "print_areas": [{"code": "back", "label": _l("Back", "背面")}],
        },
        {
            "code": "extras",
            "kind": "multi_choice",
            "label": _l("Finishing extras", "附加服务"),
            "group": "garment",
            "min_selections": 0,
            "max_selections": 2,
            "values": [
                _v("neck_label", "Printed neck label", "印制领标", "6.00"),
                _v("polybag", "Individually bagged", "独立包装袋", "1.00"),
                _v("gift_box", "Gift box", "礼品盒", "12.00"),
            ],
        },
    ],
    "rules": ["screen-print-min-20"],
    "price_components": [
        {
            "code": "back_print",
            "kind": "surcharge",
            "label": _l("Back print", "背面印花"),
            "amount": "15.00",
            "when": {"option": "artwork_back"},
        },
        {
            "code": "screen_setup",
            "kind": "setup_fee",
            "label": _l("Screen set-up", "丝网制版费"),
            "amount": "120.00",
            "when": {"option": "print_method", "values": ["screen"]},
        },
        {
            "code": "embroidery_setup",
            "kind": "setup_fee",
            "label": _l("Embroidery digitizing", "刺绣制版费"),
            "amount": "80.00",
            "when": {"option": "print_method", "values": ["embroidery"]},
        },
        {
            "code": "volume",
            "kind": "quantity_break",
            "label": _l("Volume discount", "批量折扣"),
            "tiers": [
                {"min_quantity": 20, "percent_off": "5"},
                {"min_quantity": 50, "percent_off": "10"},
                {"min_quantity": 100, "percent_off": "15"},
            ],
        },
    ],
}

TUMBLER: dict[str, Any] = {
    "sku": "TUMBLER-ENGRAVED",
    "name": _l("Engraved stainless steel tumbler", "刻字不锈钢保温杯"),
    "version": 1,
    "currency": "CNY",
    "base_price": "129.00",
    "default_lead_days": 4,
    # Returns within 30 days of delivery, never an engraved one (made for its buyer).
    "return_days": 30,
    "quantity": {"min": 1, "max": 200, "multiple_of": 1},
    "groups": [
        {"code": "tumbler", "label": _l("Tumbler", "杯身")},
        {"code": "engraving", "label": _l("Engraving", "刻字")},
        SERVICES_GROUP,
    ],
    "options": [
        {
            "code": "capacity",
            "kind": "choice",
            "label": _l("Capacity", "容量"),
            "group": "tumbler",
            "required": True,
            "default": "500ml",
            "values": [_v("500ml", "500 ml", "500毫升"), _v("750ml", "750 ml", "750毫升", "20.00")],
        },
        {
            "code": "finish",
            "kind": "choice",
            "label": _l("Finish", "表面工艺"),
            "group": "tumbler",
            "required": True,
            "values": [
                _v("brushed", "Brushed steel", "拉丝不锈钢", swatch="#C0C0C0"),
                _v("matte_black", "Matte black", "哑光黑", "15.00", swatch="#1B1B1B"),
                _v("powder_white", "Powder-coated white", "粉末喷涂白", "15.00", swatch="#F5F5F0"),
                _v("mirror", "Mirror polish", "镜面抛光", "10.00", swatch="#E8E8E8"),
            ],
        },
        {
            "code": "engraving",
            "kind": "text",
            "label": _l("Engraving text", "刻字内容"),
            "group": "engraving",
            "max_length": 20,
            "max_lines": 2,
            "charsets": ["latin_extended", "digits", "cjk"],
            "extra_chars": "&.-'♥",
            "fonts": [
                {"code": "serif", "label": _l("Serif", "衬线体")},
                {"code": "script", "label": _l("Script", "手写体")},
                {"code": "kai", "label": _l("Kai (楷体)", "楷体")},
            ],
        },
        {
            "code": "extras",
            "kind": "multi_choice",
            "label": _l("Packaging", "包装"),
            "group": "tumbler",
            "min_selections": 0,
            "max_selections": 1,
            "values": [_v("gift_box", "Gift box", "礼品盒", "18.00")],
        },
        services_option("gift_wrap", "design_help", "express_production"),
    ],
    "rules": [
        {
            "id": "engraving-needs-coated-or-brushed",
            "kind": "requires",
            "when": {"option": "engraving"},
            "then": {"option": "finish", "values": ["brushed", "matte_black", "powder_white"]},
            "description": _l("Mirror polish cannot be engraved.", "镜面抛光不能刻字。"),
        }
    ],
    "price_components": [
        {
            "code": "engraving_chars",
            "kind": "per_character",
            "label": _l("Engraving", "刻字"),
            "option": "engraving",
            "rate": "2.00",
        },
        {
            "code": "engraving_setup",
            "kind": "setup_fee",
            "label": _l("Engraving set-up", "刻字调机费"),
            "amount": "15.00",
            "when": {"option": "engraving"},
        },
        *service_components("gift_wrap", "design_help", "express_production"),
    ],
}
