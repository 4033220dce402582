"""Addresses to places: the country, the province or state, the city, and a point."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from production.geo import china, world

LatLon = tuple[float, float]
EARTH_RADIUS_KM = 6371.0088
CHINA = ("CN", "HK", "MO", "TW")

# A country's point when the address names no known region or city. These win over
# GeoNames' population-weighted centre so that a country-only promise stays stable;
# any other country gets GeoNames' centre.
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
# A few well-known points, for tests and fixtures that place a plant "in Shenzhen".
CITIES: dict[tuple[str, str], LatLon] = {
    ("CN", "beijing"): (39.904211, 116.407394),
    ("CN", "guangzhou"): (23.12911, 113.264385),
    ("CN", "shanghai"): (31.231706, 121.472644),
    ("CN", "shenzhen"): (22.543527, 114.057939),
    ("CN", "urumqi"): (43.793026, 87.627704),
    ("DE", "berlin"): (52.5200, 13.4050),
    ("US", "new york"): (40.7128, -74.0060),
}


@dataclass(frozen=True)
class Place:
    """Where an address is: ``level`` says how precisely (``coordinates``, ``city``,
    ``region`` or ``country``); ``region``/``city`` are the names found in the table."""

    country: str
    at: LatLon
    level: str
    region: str = ""
    city: str = ""


def place(ship_to: Mapping[str, object]) -> Place | None:
    """The place of an address (``country``, ``region`` or ``province``/``state``,
    ``city``; optional ``latitude``/``longitude``); None if the country is unknown.

    Never raises for odd input: unknown names fall back to the next coarser level.
    """
    country = str(ship_to.get("country") or "").strip().upper()
    try:
        at = float(ship_to["latitude"]), float(ship_to["longitude"])  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError):
        pass
    else:
        if math.isfinite(at[0]) and math.isfinite(at[1]):
            return Place(country=country, at=at, level="coordinates")
    region = ship_to.get("region") or ship_to.get("province") or ship_to.get("state") or ""
    return _place(country, str(region).strip(), str(ship_to.get("city") or "").strip())


@lru_cache(maxsize=8192)
def _place(country: str, region: str, city: str) -> Place | None:
    if country in CHINA:
        found = china.locate(region, city) or (china.locate(city) if city else None)
        if found is not None:
            prov = china.index().divisions.get(found.province)
            named_city = len(found.code) > 2 or (
                bool(city) and getattr(china.province(city), "code", None) == found.code
            )
            return Place(
                country=country,
                at=found.at,
                level="city" if named_city else "region",
                region=prov.name if prov else "",
                city=found.name if named_city else "",
            )
    if country in COUNTRIES and not region and not city:
        return Place(country=country, at=COUNTRIES[country], level="country")
    if country:
        found_world = world.locate(country, region, city)
        if found_world is not None and (found_world[1] != "country" or country not in COUNTRIES):
            at, level = found_world
            return Place(country=country, at=at, level=level)
    if country in COUNTRIES:
        return Place(country=country, at=COUNTRIES[country], level="country")
    return None


def destination(ship_to: Mapping[str, object]) -> LatLon | None:
    """Coordinates for an address (see ``place``); None if its country is unknown."""
    found = place(ship_to)
    return found.at if found else None


def distance_km(a: LatLon, b: LatLon) -> float:
    """Great-circle distance between two points, in km."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    dphi, dlmb = p2 - p1, math.radians(b[1] - a[1])
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(max(h, 0.0), 1.0)))
