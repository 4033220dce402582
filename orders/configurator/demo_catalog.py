"""Demo products (priced in CNY) exercising every option kind, rule kind and price component.

``DEMO_RULES`` are shared rules that products include by id; build definitions with
``ProductDefinition.from_dict(data, shared_rules=DEMO_RULES)`` or :func:`demo_definitions`.
"""

# Chinese labels use full-width punctuation on purpose.

from __future__ import annotations

from typing import Any

from configurator.definition import ProductDefinition


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
    "quantity": {"min": 1, "max": 200, "multiple_of": 1},
    "groups": [
        {"code": "tumbler", "label": _l("Tumbler", "杯身")},
        {"code": "engraving", "label": _l("Engraving", "刻字")},
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
    ],
}


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
    "quantity": {"min": 1, "max": 20, "multiple_of": 1},
    "groups": [
        {"code": "dimensions", "label": _l("Dimensions", "尺寸")},
        {"code": "material", "label": _l("Material", "材质")},
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
    ],
}

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
