"""The demo partner network: plants around China and one in Europe, with their recipes."""

from typing import Any

DEMO_FACTORIES: list[dict[str, Any]] = [
    {
        "code": "sz-print",
        "name": "Shenzhen Bright Print Co.",
        "city": "Shenzhen",
        "country": "CN",
        "latitude": 22.5431,
        "longitude": 114.0579,
        "capabilities": ["dtg_print", "screen_print", "qc", "pack"],
    },
    {
        "code": "yw-engrave",
        "name": "Yiwu Laser Works",
        "city": "Yiwu",
        "country": "CN",
        "latitude": 29.3069,
        "longitude": 120.0751,
        "capabilities": ["laser_engrave", "uv_print", "qc", "pack"],
    },
    {
        "code": "gz-tailor",
        "name": "Guangzhou Fine Tailoring",
        "city": "Guangzhou",
        "country": "CN",
        "latitude": 23.1291,
        "longitude": 113.2644,
        "capabilities": ["cut_fabric", "sew", "embroider", "qc", "pack"],
    },
    {
        "code": "fs-wood",
        "name": "Foshan Timber Studio",
        "city": "Foshan",
        "country": "CN",
        "latitude": 23.0215,
        "longitude": 113.1214,
        "capabilities": ["cnc_cut", "assemble", "finish", "qc", "pack"],
    },
    {
        "code": "hz-multi",
        "name": "Hangzhou Shared Manufacturing Hub",
        "city": "Hangzhou",
        "country": "CN",
        "latitude": 30.2741,
        "longitude": 120.1551,
        "capabilities": [
            "dtg_print",
            "laser_engrave",
            "embroider",
            "sew",
            "cut_fabric",
            "qc",
            "pack",
        ],
    },
    {
        "code": "le-print",
        "name": "Leipzig Print & Ship GmbH",
        "city": "Leipzig",
        "country": "DE",
        "latitude": 51.3397,
        "longitude": 12.3731,
        "capabilities": ["dtg_print", "laser_engrave", "qc", "pack"],
    },
]

# Recipes of the four demo products. Quantities in ``bill_of_materials`` are per unit (or
# per order with "per": "order"), before scrap; minutes are set-up per work order and run
# per unit. Formulas: see production/recipes/formulas.py.
TEE_RECIPE = {
    "product_sku": "TEE-PRINT",
    "lead_days": 5,
    # The print method brings its own capability through its operations: screen print,
    # DTG or embroidery, never one for another.
    "capabilities": ["qc", "pack"],
    "inputs": {
        "size": {"kind": "choice", "default": "M"},
        "colour": {"kind": "choice", "default": "#FFFFFF"},
        "print_method": {"kind": "choice", "default": "dtg"},
        "artwork_front": {"kind": "artwork", "default": None},
        "artwork_back": {"kind": "artwork", "default": None},
        "extras": {"kind": "choices", "default": []},
    },
    "tables": {
        "print_minutes_by_size": {"S": 2, "M": 2, "L": 2, "XL": 2.5, "XXL": 2.5},
        # Stitching a print area takes longer on a bigger garment (bigger design).
        "stitch_minutes_by_size": {"S": 6, "M": 6, "L": 7, "XL": 8, "XXL": 8},
        # Screens per print area: a white underbase on coloured cloth needs its own.
        "screens_per_area": {"#FFFFFF": 1, "#111111": 2, "#1F2A44": 2, "#B8B8B8": 2},
    },
    "bill_of_materials": [
        {"material": "tee-blank-{colour}-{size}", "unit": "pcs", "quantity": 1, "scrap_pct": 2},
        # Direct to garment: CMYK ink, a white underbase and pretreatment on coloured cloth.
        {
            "material": "dtg-ink-cmyk",
            "unit": "ml",
            "quantity": "12 * (artwork_front + artwork_back)",
            "scrap_pct": 5,
            "when": "print_method == 'dtg'",
        },
        {
            "material": "dtg-ink-white",
            "unit": "ml",
            "quantity": "8 * (artwork_front + artwork_back)",
            "scrap_pct": 5,
            "when": "print_method == 'dtg' and colour != '#FFFFFF'",
        },
        {
            "material": "pretreatment",
            "unit": "ml",
            "quantity": "15 * (artwork_front + artwork_back)",
            "when": "print_method == 'dtg' and colour != '#FFFFFF'",
        },
        # Screen print: screens (and one for the neck label) burnt once per job, then
        # plastisol ink per piece.
        {
            "material": "screen-frame-mesh-156",
            "unit": "pcs",
            "per": "order",
            "quantity": "(artwork_front + artwork_back) * screens_per_area[colour]"
            " + (1 if 'neck_label' in extras else 0)",
            "when": "print_method == 'screen'",
        },
        {
            "material": "screen-emulsion",
            "unit": "ml",
            "per": "order",
            "quantity": "40 * ((artwork_front + artwork_back) * screens_per_area[colour]"
            " + (1 if 'neck_label' in extras else 0))",
            "when": "print_method == 'screen'",
        },
        {
            "material": "plastisol-ink",
            "unit": "ml",
            "quantity": "10 * (artwork_front + artwork_back)",
            "scrap_pct": 10,
            "when": "print_method == 'screen'",
        },
        {
            "material": "plastisol-ink-white-underbase",
            "unit": "ml",
            "quantity": "6 * (artwork_front + artwork_back)",
            "scrap_pct": 10,
            "when": "print_method == 'screen' and colour != '#FFFFFF'",
        },
        # Embroidery: thread and a tear-away backing per area, the design digitized once.
        {
            "material": "embroidery-thread-polyester",
            "unit": "m",
            "quantity": "60 * (artwork_front + artwork_back)",
            "scrap_pct": 10,
            "when": "print_method == 'embroidery'",
        },
        {
            "material": "embroidery-backing-tearaway",
            "unit": "pcs",
            "quantity": "artwork_front + artwork_back",
            "scrap_pct": 5,
            "when": "print_method == 'embroidery'",
        },
        # Finishing extras, each only when chosen.
        {
            "material": "neck-label-plastisol-ink",
            "unit": "ml",
            "quantity": 1,
            "when": "'neck_label' in extras and print_method == 'screen'",
        },
        {
            "material": "neck-label-woven-{size}",
            "unit": "pcs",
            "quantity": 1,
            "when": "'neck_label' in extras and print_method == 'embroidery'",
        },
        {"material": "polybag", "unit": "pcs", "quantity": 1, "when": "'polybag' in extras"},
        {
            "material": "gift-box-tee",
            "unit": "pcs",
            "quantity": 1,
            "when": "'gift_box' in extras",
        },
    ],
    "operations": [
        {
            "code": "pretreat",
            "capability": "dtg_print",
            "centre": "pretreat_station",
            "setup_minutes": 5,
            "run_minutes": 0.5,
            "when": "print_method == 'dtg' and colour != '#FFFFFF'"
            " and artwork_front + artwork_back",
        },
        {
            "code": "print_front",
            "capability": "dtg_print",
            "centre": "dtg_printer",
            "setup_minutes": 10,
            "run_minutes": "print_minutes_by_size[size]",
            "when": "print_method == 'dtg' and artwork_front",
        },
        {
            "code": "print_back",
            "capability": "dtg_print",
            "centre": "dtg_printer",
            "setup_minutes": 5,
            "run_minutes": "print_minutes_by_size[size]",
            "when": "print_method == 'dtg' and artwork_back",
        },
        {
            "code": "print_neck_label",
            "capability": "dtg_print",
            "centre": "dtg_printer",
            "setup_minutes": 2,
            "run_minutes": 0.5,
            "when": "print_method == 'dtg' and 'neck_label' in extras",
        },
        {
            "code": "cure",
            "capability": "dtg_print",
            "centre": "heat_press",
            "run_minutes": 0.75,
            "when": "print_method == 'dtg' and (artwork_front or artwork_back)",
        },
        # The screen set-up the shopper pays for: screens burnt and registered once a job.
        {
            "code": "screen_setup",
            "capability": "screen_print",
            "centre": "screen_press",
            "setup_minutes": "20 * ((artwork_front + artwork_back) * screens_per_area[colour]"
            " + (1 if 'neck_label' in extras else 0))",
            "run_minutes": 0,
            "when": "print_method == 'screen'",
        },
        {
            "code": "screen_print_front",
            "capability": "screen_print",
            "centre": "screen_press",
            "setup_minutes": 5,
            "run_minutes": "0.4 * screens_per_area[colour]",
            "when": "print_method == 'screen' and artwork_front",
        },
        {
            "code": "screen_print_back",
            "capability": "screen_print",
            "centre": "screen_press",
            "setup_minutes": 5,
            "run_minutes": "0.4 * screens_per_area[colour]",
            "when": "print_method == 'screen' and artwork_back",
        },
        {
            "code": "screen_print_neck_label",
            "capability": "screen_print",
            "centre": "screen_press",
            "setup_minutes": 5,
            "run_minutes": 0.3,
            "when": "print_method == 'screen' and 'neck_label' in extras",
        },
        {
            "code": "screen_cure",
            "capability": "screen_print",
            "centre": "screen_press",
            "run_minutes": 0.5,
            "when": "print_method == 'screen'",
        },
        # The digitizing the shopper pays for: the design made a stitch file once a job.
        {
            "code": "embroidery_setup",
            "capability": "embroider",
            "centre": "embroidery_machine",
            "setup_minutes": "30 * (artwork_front + artwork_back)",
            "run_minutes": 0,
            "when": "print_method == 'embroidery'",
        },
        {
            "code": "embroidery_front",
            "capability": "embroider",
            "centre": "embroidery_machine",
            "setup_minutes": 5,
            "run_minutes": "stitch_minutes_by_size[size]",
            "when": "print_method == 'embroidery' and artwork_front",
        },
        {
            "code": "embroidery_back",
            "capability": "embroider",
            "centre": "embroidery_machine",
            "setup_minutes": 5,
            "run_minutes": "stitch_minutes_by_size[size]",
            "when": "print_method == 'embroidery' and artwork_back",
        },
        {
            "code": "embroidery_sew_neck_label",
            "capability": "embroider",
            "centre": "embroidery_machine",
            "setup_minutes": 2,
            "run_minutes": 0.5,
            "when": "print_method == 'embroidery' and 'neck_label' in extras",
        },
        {"code": "qc", "capability": "qc", "centre": "qc_bench", "run_minutes": 0.5},
        {
            "code": "pack",
            "capability": "pack",
            "centre": "packing",
            "setup_minutes": 2,
            "run_minutes": "0.4 + (0.1 if 'polybag' in extras else 0)",
        },
        {
            "code": "pack_gift_box",
            "capability": "pack",
            "centre": "packing",
            "run_minutes": 0.5,
            "when": "'gift_box' in extras",
        },
    ],
    "files": [
        {
            "name": "front.png",
            "kind": "print_area",
            "area": "front",
            "source": "artwork_front",
            "when": "artwork_front",
        },
        {
            "name": "back.png",
            "kind": "print_area",
            "area": "back",
            "source": "artwork_back",
            "when": "artwork_back",
        },
    ],
}

TUMBLER_RECIPE = {
    "product_sku": "TUMBLER-ENGRAVED",
    "lead_days": 4,
    "capabilities": ["laser_engrave", "qc", "pack"],
    "inputs": {
        "finish": {"kind": "choice", "default": "brushed"},
        "engraving": {"kind": "text", "default": ""},
        "capacity": {"kind": "choice", "default": "500ml"},
        "extras": {"kind": "choices", "default": []},
    },
    "tables": {"capacity_ml": {"500ml": 500, "750ml": 750}},
    "bill_of_materials": [
        {"material": "tumbler-blank-{capacity}-{finish}", "unit": "pcs", "quantity": 1},
        {
            "material": "laser-masking-tape",
            "unit": "m",
            "quantity": "0.1 + capacity_ml[capacity] / 5000",
            "when": "engraving",
        },
        {"material": "carton-tumbler-{capacity}", "unit": "pcs", "quantity": 1},
        {"material": "gift-box", "unit": "pcs", "quantity": 1, "when": "'gift_box' in extras"},
    ],
    "operations": [
        {
            "code": "engrave",
            "capability": "laser_engrave",
            "centre": "fibre_laser",
            "setup_minutes": 8,
            "run_minutes": "1 + len(engraving) * 0.05",
            "when": "engraving",
        },
        {"code": "qc", "capability": "qc", "centre": "qc_bench", "run_minutes": 0.3},
        {
            "code": "pack",
            "capability": "pack",
            "centre": "packing",
            "setup_minutes": 1,
            "run_minutes": 0.3,
        },
        {
            "code": "pack_gift_box",
            "capability": "pack",
            "centre": "packing",
            "run_minutes": 0.4,
            "when": "'gift_box' in extras",
        },
    ],
    "files": [
        {
            "name": "engraving.png",
            "kind": "engraving",
            "source": "engraving",
            "when": "engraving",
        },
    ],
}

SHIRT_RECIPE = {
    "product_sku": "SHIRT-MTM",
    "lead_days": 12,
    "capabilities": ["cut_fabric", "sew", "qc", "pack"],
    "inputs": {
        "chest": {"kind": "number"},
        "waist": {"kind": "number"},
        "sleeve": {"kind": "number"},
        "length": {"kind": "number"},
        "fabric": {"kind": "choice"},
        "collar": {"kind": "choice", "default": "classic"},
        "cuff": {"kind": "choice", "default": "barrel"},
        "monogram": {"kind": "text", "default": ""},
    },
    # Wider-patterned or loosely woven cloth needs more length per shirt.
    "tables": {"fabric_factor": {"poplin": 1, "oxford": 1, "silk_cotton": 1.05, "linen": 1.1}},
    "bill_of_materials": [
        {
            "material": "fabric-{fabric}",
            "unit": "m",
            "quantity": "(2 * length + sleeve + 25) / 100 * fabric_factor[fabric]"
            " * (1.25 if chest > 120 or waist > 115 else 1)",
            "scrap_pct": 8,
        },
        # Fused interlining cut to the collar's and the cuffs' own patterns.
        {
            "material": "interlining-collar-{collar}",
            "unit": "m",
            "quantity": "0.12 if collar == 'mandarin' else 0.15",
            "scrap_pct": 5,
        },
        {
            "material": "interlining-cuff-{cuff}",
            "unit": "m",
            "quantity": "0.1 + (0.1 if cuff == 'french' else 0)",
            "scrap_pct": 5,
        },
        {
            "material": "button-shell-11mm",
            "unit": "pcs",
            "quantity": "7 + (0 if cuff == 'french' else 2)"
            " + (2 if collar == 'button_down' else 0)",
        },
        {"material": "thread-sewing", "unit": "m", "quantity": 150},
        {
            "material": "thread-embroidery",
            "unit": "m",
            "quantity": "len(monogram) * 4",
            "when": "monogram",
        },
    ],
    "operations": [
        {
            "code": "cut",
            "capability": "cut_fabric",
            "centre": "cutting_table",
            "setup_minutes": 15,
            "run_minutes": "12 + (3 if chest > 120 else 0)",
            # The pattern is drafted to these measurements and styles.
            "parameters": ["chest", "waist", "sleeve", "length", "collar", "cuff"],
        },
        {
            "code": "sew",
            "capability": "sew",
            "centre": "sewing_line",
            "setup_minutes": 10,
            "run_minutes": "55 + (10 if cuff == 'french' else 0)"
            " + (5 if collar == 'button_down' else 0)",
        },
        {
            "code": "embroider_monogram",
            "capability": "embroider",
            "centre": "embroidery_machine",
            "setup_minutes": 10,
            "run_minutes": "3 + len(monogram) * 0.5",
            "when": "monogram",
        },
        {"code": "qc", "capability": "qc", "centre": "qc_bench", "run_minutes": 3},
        {
            "code": "pack",
            "capability": "pack",
            "centre": "packing",
            "setup_minutes": 1,
            "run_minutes": 2,
        },
    ],
    "files": [
        # Patterns are drafted by the plant's own CAD from the measurements in the snapshot.
        {"name": "monogram.png", "kind": "embroidery", "source": "monogram", "when": "monogram"},
    ],
}

TABLE_RECIPE = {
    "product_sku": "TABLE-SOLID",
    "lead_days": 21,
    "capabilities": ["cnc_cut", "assemble", "finish", "qc", "pack"],
    "inputs": {
        "width": {"kind": "number"},
        "depth": {"kind": "number"},
        "height": {"kind": "number", "default": "75"},
        "wood": {"kind": "choice"},
        "finish": {"kind": "choice", "default": "oil"},
        "top": {"kind": "choice", "default": "solid"},
        # The configurator shows the tint only for glass tops.
        "glass_tint": {"kind": "choice", "default": "clear"},
    },
    # Litres per square metre of surface (both faces of the top).
    "tables": {"finish_rate": {"oil": 0.08, "matte_lacquer": 0.12}},
    "bill_of_materials": [
        # Volume in m³: four 7×7 cm legs and a 10×2.5 cm apron all round; a solid top is
        # a 4 cm panel of the same wood, a glass top sits on the frame instead.
        {
            "material": "wood-{wood}",
            "unit": "m3",
            "quantity": "(4 * height * 49 + 2 * (width + depth) * 25) / 1000000",
            "scrap_pct": 15,
        },
        {
            "material": "top-{top}-{wood}",
            "unit": "m3",
            "quantity": "width * depth * 4 / 1000000",
            "scrap_pct": 15,
            "when": "top == 'solid'",
        },
        {
            "material": "finish-{finish}",
            "unit": "l",
            "quantity": "width * depth * 2 / 10000 * finish_rate[finish]",
            "scrap_pct": 10,
        },
        {
            "material": "glass-tempered-6mm-{glass_tint}",
            "unit": "m2",
            "quantity": "width * depth / 10000",
            "when": "top == 'glass'",
        },
        {"material": "hardware-kit-table", "unit": "set", "quantity": 1},
    ],
    "operations": [
        {
            "code": "cnc_cut",
            "capability": "cnc_cut",
            "centre": "cnc_router",
            "setup_minutes": 30,
            "run_minutes": "20 + width * depth / 1000",
            "parameters": ["width", "depth", "height"],
        },
        {
            "code": "assemble",
            "capability": "assemble",
            "centre": "assembly_bench",
            "setup_minutes": 10,
            "run_minutes": 45,
        },
        {
            "code": "finish",
            "capability": "finish",
            "centre": "finishing_booth",
            "setup_minutes": 15,
            "run_minutes": "width * depth * 2 / 10000 * 20",
        },
        {
            "code": "fit_glass",
            "capability": "assemble",
            "centre": "assembly_bench",
            "run_minutes": 15,
            "when": "top == 'glass'",
        },
        {"code": "qc", "capability": "qc", "centre": "qc_bench", "run_minutes": 10},
        {
            "code": "pack",
            "capability": "pack",
            "centre": "crating",
            "setup_minutes": 10,
            "run_minutes": 25,
        },
    ],
    # Cut lists and CNC programs come from the plant's CAM; the job ticket carries the sizes.
    "files": [],
}

DEMO_RECIPES: list[dict[str, Any]] = [TEE_RECIPE, TUMBLER_RECIPE, SHIRT_RECIPE, TABLE_RECIPE]


def _centres(rate: str, **minutes_per_day: int) -> dict[str, dict[str, object]]:
    return {
        centre: {"default_minutes_per_day": minutes, "cost_per_minute": rate}
        for centre, minutes in minutes_per_day.items()
    }


# Work centres (named as the recipes' operations name them), minutes per day and cost per
# minute. Leipzig is dear but close to European customers.
DEMO_WORK_CENTRES = {
    "sz-print": _centres(
        "0.35",
        pretreat_station=960,
        dtg_printer=1440,
        heat_press=960,
        screen_press=960,
        qc_bench=960,
        packing=960,
    ),
    "yw-engrave": _centres("0.40", fibre_laser=960, uv_printer=480, qc_bench=480, packing=480),
    "gz-tailor": _centres(
        "0.30",
        cutting_table=960,
        sewing_line=2880,
        embroidery_machine=960,
        qc_bench=480,
        packing=480,
    ),
    "fs-wood": _centres(
        "0.55",
        cnc_router=960,
        assembly_bench=1440,
        finishing_booth=960,
        qc_bench=480,
        crating=480,
    ),
    "hz-multi": _centres(
        "0.42",
        pretreat_station=480,
        dtg_printer=960,
        heat_press=480,
        fibre_laser=480,
        embroidery_machine=480,
        sewing_line=1440,
        cutting_table=480,
        qc_bench=960,
        packing=960,
    ),
    "le-print": _centres(
        "1.10",
        pretreat_station=480,
        dtg_printer=960,
        heat_press=480,
        fibre_laser=480,
        qc_bench=480,
        packing=480,
    ),
}
