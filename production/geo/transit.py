"""Shipping time from a plant to an address, by distance and shipping method.

The rule (whole days, never less than one):

- ``method_days`` is what the shipping method takes within ``LOCAL_KM`` (1,000 km, about
  a neighbouring province): standard 5, express 2.
- Beyond that, every further ``KM_PER_DAY`` started adds a day: 1,000 km for ground
  methods (``method_days`` of 3 or more), 2,500 km for express (air freight).
- A parcel that crosses a border adds ``CUSTOMS_DAYS`` (3) for export and import
  clearance; same country or unknown origin country adds nothing.

So Shenzhen → Guangzhou standard is 5 days, Shenzhen → Urumqi (≈ 3,300 km) standard is
5 + 3 = 8 and express 2 + 1 = 3, Shenzhen → Springfield, IL (≈ 12,600 km) standard is
5 + 12 + 3 = 20 and express 2 + 5 + 3 = 10.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from production.geo.places import LatLon, destination, distance_km, place

LOCAL_KM = 1000.0
KM_PER_DAY = 1000.0
EXPRESS_KM_PER_DAY = 2500.0
EXPRESS_MAX_DAYS = 2
CUSTOMS_DAYS = 3


def transit_days(
    origin: LatLon | Mapping[str, object],
    ship_to: Mapping[str, object],
    method_days: int,
    *,
    origin_country: str = "",
) -> int | None:
    """Days a parcel takes from ``origin`` (a point, or an address mapping with a
    ``country``) to ``ship_to`` with a method of ``method_days``; None when either end
    cannot be placed. ``origin_country`` names the plant's country for a point origin.
    """
    if isinstance(origin, Mapping):
        origin_country = origin_country or str(origin.get("country") or "").upper()
        start = destination(origin)
    else:
        start = (float(origin[0]), float(origin[1]))
    end = place(ship_to)
    if start is None or end is None:
        return None
    km = distance_km(start, end.at)
    per_day = EXPRESS_KM_PER_DAY if method_days <= EXPRESS_MAX_DAYS else KM_PER_DAY
    days = int(method_days) + math.ceil(max(km - LOCAL_KM, 0.0) / per_day - 1e-9)
    if origin_country and end.country and origin_country.upper() != end.country:
        days += CUSTOMS_DAYS
    return max(days, 1)
