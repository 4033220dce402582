"""The demo partner network: plants around China and one in Europe, with their recipes."""

DEMO_FACTORIES = [
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

DEMO_RECIPES = [
    {"product_sku": "custom-tee", "capabilities": ["dtg_print", "qc", "pack"], "lead_days": 5},
    {
        "product_sku": "engraved-tumbler",
        "capabilities": ["laser_engrave", "qc", "pack"],
        "lead_days": 4,
    },
    {
        "product_sku": "made-to-measure-shirt",
        "capabilities": ["cut_fabric", "sew", "qc", "pack"],
        "lead_days": 12,
    },
    {
        "product_sku": "solid-wood-table",
        "capabilities": ["cnc_cut", "assemble", "finish", "qc", "pack"],
        "lead_days": 21,
    },
]

# Work centres of each demo plant: minutes a day, cost per minute, and whether it runs on
# weekends; the seed command materializes 60 days of capacity from them.
DEMO_WORK_CENTRES = {
    "sz-print": {
        "dtg_printer": {"default_minutes_per_day": 1440, "cost_per_minute": "0.35"},
        "screen_press": {"default_minutes_per_day": 960, "cost_per_minute": "0.30"},
        "qc": {"default_minutes_per_day": 960, "cost_per_minute": "0.20"},
        "packing": {"default_minutes_per_day": 960, "cost_per_minute": "0.15"},
    },
    "yw-engrave": {
        "laser": {"default_minutes_per_day": 960, "cost_per_minute": "0.40"},
        "uv_printer": {"default_minutes_per_day": 480, "cost_per_minute": "0.45"},
        "qc": {"default_minutes_per_day": 480, "cost_per_minute": "0.20"},
        "packing": {"default_minutes_per_day": 480, "cost_per_minute": "0.15"},
    },
    "gz-tailor": {
        "cutting_table": {"default_minutes_per_day": 960, "cost_per_minute": "0.30"},
        "sewing_line": {"default_minutes_per_day": 2880, "cost_per_minute": "0.28"},
        "embroidery": {"default_minutes_per_day": 960, "cost_per_minute": "0.35"},
        "qc": {"default_minutes_per_day": 480, "cost_per_minute": "0.20"},
        "packing": {"default_minutes_per_day": 480, "cost_per_minute": "0.15"},
    },
    "fs-wood": {
        "cnc": {"default_minutes_per_day": 960, "cost_per_minute": "0.60"},
        "assembly": {"default_minutes_per_day": 1440, "cost_per_minute": "0.40"},
        "finishing": {"default_minutes_per_day": 960, "cost_per_minute": "0.45"},
        "qc": {"default_minutes_per_day": 480, "cost_per_minute": "0.20"},
        "packing": {"default_minutes_per_day": 480, "cost_per_minute": "0.15"},
    },
    "hz-multi": {
        "dtg_printer": {"default_minutes_per_day": 960, "cost_per_minute": "0.40"},
        "laser": {"default_minutes_per_day": 480, "cost_per_minute": "0.45"},
        "embroidery": {"default_minutes_per_day": 480, "cost_per_minute": "0.40"},
        "sewing_line": {"default_minutes_per_day": 1440, "cost_per_minute": "0.32"},
        "cutting_table": {"default_minutes_per_day": 480, "cost_per_minute": "0.32"},
        "qc": {"default_minutes_per_day": 960, "cost_per_minute": "0.20", "works_weekends": True},
        "packing": {"default_minutes_per_day": 960, "cost_per_minute": "0.15"},
    },
    "le-print": {
        "dtg_printer": {"default_minutes_per_day": 960, "cost_per_minute": "1.10"},
        "laser": {"default_minutes_per_day": 480, "cost_per_minute": "1.20"},
        "qc": {"default_minutes_per_day": 480, "cost_per_minute": "0.80"},
        "packing": {"default_minutes_per_day": 480, "cost_per_minute": "0.60"},
    },
}
