"""Recipes of the demo's made-to-measure products: the shirt and the solid wood table."""

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
