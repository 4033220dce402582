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
    {"product_sku": "TEE-PRINT", "capabilities": ["dtg_print", "qc", "pack"], "lead_days": 5},
    {
        "product_sku": "TUMBLER-ENGRAVED",
        "capabilities": ["laser_engrave", "qc", "pack"],
        "lead_days": 4,
    },
    {
        "product_sku": "SHIRT-MTM",
        "capabilities": ["cut_fabric", "sew", "qc", "pack"],
        "lead_days": 12,
    },
    {
        "product_sku": "TABLE-SOLID",
        "capabilities": ["cnc_cut", "assemble", "finish", "qc", "pack"],
        "lead_days": 21,
    },
]
