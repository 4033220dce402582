"""The demo partner network: plants around China and one in Europe, with their work centres
(named as the recipes' operations name them, demo.recipes)."""

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
        # Offers priority production: its first two days are kept for express work.
        "express_days": 2,
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
        # Its service crew also visits customers to repair and maintain furniture.
        "capabilities": ["cnc_cut", "assemble", "finish", "qc", "pack", "repair"],
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
            "repair",
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


def _centres(rate: str, **minutes_per_day: int) -> dict[str, dict[str, object]]:
    return {
        centre: {"default_minutes_per_day": minutes, "cost_per_minute": rate}
        for centre, minutes in minutes_per_day.items()
    }


# Work centres (named as the recipes' operations name them), minutes per day and cost per
# minute. Leipzig is dear but close to European customers.
DEMO_WORK_CENTRES: dict[str, dict[str, Any]] = {
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
        service_crew=480,
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
        service_crew=480,
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
