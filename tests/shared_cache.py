"""The default cache on real Redis, as production settings have it (``CACHE_URL``).

The test settings keep Django's per-process ``LocMemCache``; tests of what must hold
across processes and threads (throttles, sign-in lockouts) take ``redis_cache``. Its keys
carry a prefix of this run's own, removed afterwards, so test runs sharing one Redis never
see or delete each other's keys.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from django.core.cache import cache

REDIS_CACHE_URL = os.environ.get("REDIS_CACHE_URL", "redis://127.0.0.1:6379/1")


@pytest.fixture
def redis_cache(settings) -> Iterator[object]:
    prefix = f"test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "KEY_PREFIX": prefix,
        }
    }
    yield cache
    client = redis.Redis.from_url(REDIS_CACHE_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)
