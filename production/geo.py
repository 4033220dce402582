"""Where a parcel goes, close enough to price shipping: known cities, else the country.

Addresses carry no coordinates; routing only needs a few hundred kilometres of precision
to compare factories, so a small table of cities and country centres is enough. An
address may carry its own ``latitude`` and ``longitude``, which then win.
"""

from __future__ import annotations

from collections.abc import Mapping

LatLon = tuple[float, float]

CITIES: dict[tuple[str, str], LatLon] = {
    ("CN", "beijing"): (39.9042, 116.4074),
    ("CN", "chengdu"): (30.5728, 104.0668),
    ("CN", "chongqing"): (29.5630, 106.5516),
    ("CN", "foshan"): (23.0215, 113.1214),
    ("CN", "guangzhou"): (23.1291, 113.2644),
    ("CN", "hangzhou"): (30.2741, 120.1551),
    ("CN", "harbin"): (45.8038, 126.5349),
    ("CN", "nanjing"): (32.0603, 118.7969),
    ("CN", "shanghai"): (31.2304, 121.4737),
    ("CN", "shenzhen"): (22.5431, 114.0579),
    ("CN", "wuhan"): (30.5928, 114.3055),
    ("CN", "xi'an"): (34.3416, 108.9398),
    ("CN", "yiwu"): (29.3069, 120.0751),
    ("DE", "berlin"): (52.5200, 13.4050),
    ("DE", "hamburg"): (53.5511, 9.9937),
    ("DE", "leipzig"): (51.3397, 12.3731),
    ("DE", "munich"): (48.1351, 11.5820),
    ("DE", "münchen"): (48.1351, 11.5820),
    ("US", "chicago"): (41.8781, -87.6298),
    ("US", "los angeles"): (34.0522, -118.2437),
    ("US", "new york"): (40.7128, -74.0060),
    ("US", "san francisco"): (37.7749, -122.4194),
}

COUNTRIES: dict[str, LatLon] = {
    "CN": (31.2304, 121.4737),  # weighted towards the eastern seaboard, where people live
    "DE": (51.1657, 10.4515),
    "FR": (46.6034, 1.8883),
    "GB": (52.3555, -1.1743),
    "HK": (22.3193, 114.1694),
    "IT": (41.8719, 12.5674),
    "JP": (35.6762, 139.6503),
    "KR": (37.5665, 126.9780),
    "NL": (52.1326, 5.2913),
    "SG": (1.3521, 103.8198),
    "US": (39.8283, -98.5795),
}


def destination(ship_to: Mapping[str, object]) -> LatLon | None:
    """Coordinates for an address: its own, a known city, its country; None if unknown."""
    try:
        return float(ship_to["latitude"]), float(ship_to["longitude"])  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        pass
    country = str(ship_to.get("country", "")).upper()
    city = str(ship_to.get("city", "")).strip().lower()
    return CITIES.get((country, city)) or COUNTRIES.get(country)
