"""Per-key request throttling for the factory API (429 with ``Retry-After``).

Not a security boundary: it keeps one runaway integration from starving the others. The
counters live in Django's default cache, so several web processes need a shared cache.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle

DEFAULT_RATE = "1200/min"


class FactoryKeyThrottle(SimpleRateThrottle):
    scope = "factory_key"

    def get_rate(self) -> str:
        # Read per request, not at import, so settings (and tests) can change it.
        return getattr(settings, "FACTORY_API_THROTTLE_RATE", DEFAULT_RATE)

    def allow_request(self, request: Request, view: object) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: object) -> str | None:
        key = getattr(request, "auth", None)
        if key is None or not hasattr(key, "prefix"):
            return None  # unauthenticated requests are refused before they cost anything
        return self.cache_format % {"scope": self.scope, "ident": key.prefix}
