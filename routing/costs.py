"""Cost components and distances, vectorised over (job, factory) pairs.

All matrices are float64 numpy arrays of shape (jobs, factories) for the whole job
quantity; money is converted to ``Decimal`` only when results are reported.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import numpy as np

EARTH_RADIUS_KM = 6371.0088
CENT = Decimal("0.01")


def haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray):
    """Great-circle distance in km; inputs in degrees, broadcast like numpy does."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2) - np.radians(lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def distance_matrix(job_latlon: np.ndarray, factory_latlon: np.ndarray) -> np.ndarray:
    """(jobs, factories) haversine distances in km from (n, 2) lat/lon arrays."""
    return haversine_km(
        factory_latlon[None, :, 0],
        factory_latlon[None, :, 1],
        job_latlon[:, None, 0],
        job_latlon[:, None, 1],
    )


def ship_days(dist_km: np.ndarray, days_per_1000km: np.ndarray) -> np.ndarray:
    """Whole transit days: ceil(distance / 1000 * days per 1000 km), as int64."""
    raw = dist_km / 1000.0 * days_per_1000km[None, :]
    return np.ceil(raw - 1e-9).clip(min=0).astype(np.int64)


def money(value: float) -> Decimal:
    """Round a float amount to cents (half up); floats never leave the solver."""
    return Decimal(repr(float(value))).quantize(CENT, rounding=ROUND_HALF_UP)


def cents(values: np.ndarray) -> list[Decimal]:
    """Vectorised ``money``: each float amount rounded to cents, half up."""
    out = []
    for v in np.asarray(values, dtype=float).tolist():
        c = Decimal(repr(v)).quantize(CENT, rounding=ROUND_HALF_UP)
        out.append(c)
    return out
