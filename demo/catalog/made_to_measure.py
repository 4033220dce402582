"""The demo's made-to-measure products: the shirt cut to the customer's measurements and
the custom-size solid wood table, priced by its top's area."""

# Chinese labels use full-width punctuation on purpose.

from __future__ import annotations

from typing import Any

from demo.catalog.definitions import _l, _v
from demo.catalog.services import SERVICES_GROUP, service_components, services_option

TABLE_SERVICES = ("assembly", "extended_warranty", "care_plan", "design_help")


def _measure(code: str, en: str, zh: str, low: str, high: str) -> dict[str, Any]:
    return {
        "code": code,
        "kind": "number",
        "label": _l(en, zh),
        "group": "measurements",
        "required": True,
        "unit": "cm",
        "min": low,
        "max": high,
        "step": "0.5",
    }


SHIRT: dict[str, Any] = {
    "sku": "SHIRT-MTM",
    "name": _l("Made-to-measure dress shirt", "量身定制衬衫"),
    "version": 1,
    "currency": "CNY",
    "base_price": "399.00",
    "default_lead_days": 12,
    "quantity": {"min": 1, "max": 10, "multiple_of": 1},
    "groups": [
        {"code": "measurements", "label": _l("Body measurements", "身体尺寸")},
        {"code": "fabric", "label": _l("Fabric", "面料")},
        {"code": "style", "label": _l("Style", "款式")},
        {"code": "monogram", "label": _l("Monogram", "绣字")},
    ],
    "options": [
        _measure("chest", "Chest", "胸围", "80", "140"),
        _measure("waist", "Waist", "腰围", "60", "130"),
        _measure("sleeve", "Sleeve length", "袖长", "55", "70"),
        _measure("length", "Shirt length", "衣长", "65", "85"),
        {
            "code": "fabric",
            "kind": "choice",
            "label": _l("Fabric", "面料"),
            "group": "fabric",
            "required": True,
            "values": [
                _v("poplin", "Cotton poplin", "纯棉府绸"),
                _v("oxford", "Oxford cloth", "牛津纺", "40.00"),
                _v("linen", "Irish linen", "爱尔兰亚麻", "120.00", extra_lead_days=3),
                _v("silk_cotton", "Silk-cotton", "真丝棉", "260.00", extra_lead_days=5),
            ],
        },
        {
            "code": "collar",
            "kind": "choice",
            "label": _l("Collar", "领型"),
            "group": "style",
            "required": True,
            "default": "classic",
            "values": [
                _v("classic", "Classic point", "经典尖领"),
                _v("button_down", "Button-down", "扣领"),
                _v("cutaway", "Cutaway", "宽角领"),
                _v("mandarin", "Mandarin", "中式立领", "20.00"),
            ],
        },
        {
            "code": "cuff",
            "kind": "choice",
            "label": _l("Cuff", "袖口"),
            "group": "style",
            "required": True,
            "default": "barrel",
            "values": [
                _v("barrel", "Single-button barrel", "单扣袖口"),
                _v("french", "French cuff", "法式袖口", "30.00"),
            ],
        },
        {
            "code": "add_monogram",
            "kind": "choice",
            "label": _l("Add a monogram", "添加绣字"),
            "group": "monogram",
            "default": "no",
            "values": [_v("no", "No", "不需要"), _v("yes", "Yes", "需要")],
        },
        {
            "code": "monogram",
            "kind": "text",
            "label": _l("Monogram", "绣字内容"),
            "group": "monogram",
            "required": True,
            "max_length": 6,
            "charsets": ["latin", "cjk"],
            "fonts": [
                {"code": "block", "label": _l("Block", "印刷体")},
                {"code": "script", "label": _l("Script", "花体")},
            ],
        },
    ],
    "rules": [
        {
            "id": "monogram-on-request",
            "kind": "visible_when",
            "option": "monogram",
            "when": {"option": "add_monogram", "values": ["yes"]},
        },
        {
            "id": "linen-no-french-cuff",
            "kind": "excludes",
            "when": {"option": "fabric", "values": ["linen"]},
            "then": {"option": "cuff", "values": ["french"]},
            "description": _l(
                "Linen is too soft for French cuffs.", "亚麻面料过软，不适合法式袖口。"
            ),
        },
    ],
    "price_components": [
        {
            "code": "monogram_chars",
            "kind": "per_character",
            "label": _l("Monogram embroidery", "绣字"),
            "option": "monogram",
            "rate": "8.00",
        }
    ],
}


def _dimension(code: str, en: str, zh: str, low: str, high: str, **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "kind": "number",
        "label": _l(en, zh),
        "group": "dimensions",
        "required": True,
        "unit": "cm",
        "min": low,
        "max": high,
        "step": "1",
        **extra,
    }


def _area_rate(wood: str, en: str, zh: str, rate: str) -> dict[str, Any]:
    return {
        "code": f"top_area_{wood}",
        "kind": "per_unit",
        "label": _l(f"Table top, {en}", f"桌面（{zh}）"),
        "when": {"option": "wood", "values": [wood]},
        "factors": ["width", "depth"],
        "conversion": "0.0001",
        "rate": rate,
        "unit": "m²",
    }


TABLE: dict[str, Any] = {
    "sku": "TABLE-SOLID",
    "name": _l("Custom-size solid wood table", "定制尺寸实木餐桌"),
    "version": 1,
    "currency": "CNY",
    "base_price": "800.00",
    "default_lead_days": 20,
    "warranty_months": 12,
    # Returns within 14 days of delivery: a table has no engraving, so every one may go back.
    "return_days": 14,
    "quantity": {"min": 1, "max": 20, "multiple_of": 1},
    "groups": [
        {"code": "dimensions", "label": _l("Dimensions", "尺寸")},
        {"code": "material", "label": _l("Material", "材质")},
        SERVICES_GROUP,
    ],
    "options": [
        _dimension("width", "Width", "长度", "40", "240"),
        _dimension("depth", "Depth", "宽度", "40", "120"),
        _dimension("height", "Height", "高度", "60", "110", default="75"),
        {
            "code": "wood",
            "kind": "choice",
            "label": _l("Wood species", "木材"),
            "group": "material",
            "required": True,
            "values": [
                _v("ash", "White ash", "白蜡木", image_url="https://example.com/swatches/ash.jpg"),
                _v("oak", "European oak", "欧洲橡木"),
                _v("walnut", "Black walnut", "北美黑胡桃木", extra_lead_days=5),
            ],
        },
        {
            "code": "top",
            "kind": "choice",
            "label": _l("Table top", "桌面"),
            "group": "material",
            "required": True,
            "default": "solid",
            "values": [
                _v("solid", "Solid wood", "实木桌面"),
                _v("glass", "Tempered glass", "钢化玻璃桌面", "300.00"),
            ],
        },
        {
            "code": "glass_tint",
            "kind": "choice",
            "label": _l("Glass tint", "玻璃颜色"),
            "group": "material",
            "required": True,
            "default": "clear",
            "values": [_v("clear", "Clear", "透明"), _v("bronze", "Bronze", "茶色", "80.00")],
        },
        {
            "code": "finish",
            "kind": "choice",
            "label": _l("Finish", "表面处理"),
            "group": "material",
            "required": True,
            "default": "oil",
            "values": [
                _v("oil", "Natural hardwax oil", "天然木蜡油"),
                _v("matte_lacquer", "Matte lacquer", "哑光清漆", "150.00"),
            ],
        },
        services_option(*TABLE_SERVICES),
    ],
    "rules": [
        "glass-top-max-width",
        {
            "id": "glass-tint-for-glass-tops",
            "kind": "visible_when",
            "option": "glass_tint",
            "when": {"option": "top", "values": ["glass"]},
        },
        {
            "id": "glass-top-max-depth",
            "kind": "numeric_bound",
            "when": {"option": "top", "values": ["glass"]},
            "option": "depth",
            "max": "100",
        },
    ],
    "price_components": [
        _area_rate("ash", "white ash", "白蜡木", "1500.00"),
        _area_rate("oak", "European oak", "欧洲橡木", "1800.00"),
        _area_rate("walnut", "black walnut", "北美黑胡桃木", "2800.00"),
        {
            "code": "delivery",
            "kind": "setup_fee",
            "label": _l("White-glove delivery", "送货上门安装"),
            "amount": "200.00",
        },
        {
            "code": "multi_table",
            "kind": "quantity_break",
            "label": _l("Multi-table discount", "多张优惠"),
            "tiers": [{"min_quantity": 4, "percent_off": "5"}],
        },
        *service_components(*TABLE_SERVICES),
    ],
}
