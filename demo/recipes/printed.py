"""Recipes of the demo's printed and engraved products: the T-shirt and the tumbler."""

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
