"""Per-key request throttling for the factory API (429 with ``Retry-After``).

Not a security boundary: it keeps one runaway integration from starving the others. The
state lives in Django's default cache, so several web processes need a shared cache (Redis
in production settings), where one Lua script reads and moves each key's schedule
(``c2m.rate_limits``): concurrent requests of one key are never let through on the same
slot.

A rate of ``N/period`` lets a key send ``N`` requests at once and then one every
``period / N`` (the generic cell rate algorithm): the cache holds one number per key, the
earliest time its next request would be on schedule, so a request costs the same whatever
the rate. (DRF's ``SimpleRateThrottle`` keeps every request's timestamp of the last
period, and reads and writes them all on every request.)
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from c2m.rate_limits import parse_rate, rate_take

DEFAULT_RATE = "1200/min"
CACHE_FORMAT = "throttle_factory_key_%s"


def throttle_take(prefix: str) -> float | None:
    """Count one request of the key ``prefix``: None when it may go ahead, else the seconds
    until it may (nothing is counted then)."""
    # Read per request, not at import, so settings (and tests) can change it.
    count, period = parse_rate(getattr(settings, "FACTORY_API_THROTTLE_RATE", DEFAULT_RATE))
    return rate_take(CACHE_FORMAT % prefix, count=count, period=period)


class FactoryKeyThrottle(BaseThrottle):
    def __init__(self) -> None:
        self.wait_seconds: float | None = None

    def allow_request(self, request: Request, view: object) -> bool:
        key = getattr(request, "auth", None)
        if key is None or not hasattr(key, "prefix"):
            return True  # unauthenticated requests are refused before they cost anything
        self.wait_seconds = throttle_take(key.prefix)
        return self.wait_seconds is None

    def wait(self) -> float | None:
        return self.wait_seconds
