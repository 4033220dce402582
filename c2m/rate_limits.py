"""Atomic counting in the shared cache: a request-rate throttle and windowed counters.

Web processes and threads count the same keys at once, so no count may be read and then
written back in two steps (a value read by twelve connections and written back by all
twelve lets twelve requests through on one place). On Redis, the production cache, each
operation is one Lua script, which Redis runs alone. Any other backend (the demo's
per-process ``LocMemCache``) is local to the process, where one lock makes the same
operations atomic; a cache shared by processes that is not Redis is not supported.

Keys go through the cache's ``make_and_validate_key`` (``KEY_PREFIX``, version), so they
live beside the cache's other keys and ``cache.clear()`` removes them.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from typing import Any

from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import NoScriptError

_LOCK = threading.Lock()


class _Lua:
    """A script Redis keeps by its SHA1 (``EVALSHA``), loaded on first use per server."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.sha = hashlib.sha1(source.encode()).hexdigest()

    def __call__(self, keys: list[str], args: list[str | int | float]) -> Any:
        backend = caches["default"]
        assert isinstance(backend, RedisCache)  # callers check _on_redis() first
        client = backend._cache.get_client(write=True)
        full_keys = [backend.make_and_validate_key(key) for key in keys]
        try:
            return client.evalsha(self.sha, len(full_keys), *full_keys, *args)
        except NoScriptError:
            return client.eval(self.source, len(full_keys), *full_keys, *args)


# The generic cell rate algorithm: the key holds the time its next request is due.
_RATE_TAKE = _Lua(
    """
local now, interval, period = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local due = tonumber(redis.call('GET', KEYS[1])) or now
if due < now then due = now end
local allowed_from = due + interval - period
if now < allowed_from then return tostring(allowed_from - now) end
redis.call('SET', KEYS[1], string.format('%.6f', due + interval), 'PX', ARGV[4])
return false
"""
)
# A count that expires ``ARGV[2]`` ms after its first step (a fixed window).
_COUNT_ADD = _Lua(
    """
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return n
"""
)
# Give one step back, never below zero and never to a key that has expired.
_COUNT_GIVE_BACK = _Lua(
    """
local n = tonumber(redis.call('GET', KEYS[1]))
if n == nil or n <= 0 then return 0 end
return redis.call('DECR', KEYS[1])
"""
)


PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """``"1200/min"`` → (1200, 60): requests, and the period in seconds."""
    count, _, period = rate.partition("/")
    return int(count), PERIODS[period[0]]


def _on_redis() -> bool:
    return isinstance(caches["default"], RedisCache)


def rate_take(key: str, *, count: int, period: float, now: float | None = None) -> float | None:
    """Take one request of ``key`` at ``count`` per ``period`` seconds, ``count`` at once
    at most: None when it may go ahead (it is counted), else the seconds until one may (it
    is not counted)."""
    now = time.time() if now is None else now
    interval = period / count
    if _on_redis():
        expire_ms = math.ceil((period + 1) * 1000)
        wait = _RATE_TAKE([key], [repr(now), repr(interval), repr(period), expire_ms])
        return None if wait is None else float(wait)
    with _LOCK:
        due = max(cache.get(key, now), now)
        allowed_from = due + interval - period
        if now < allowed_from:
            return allowed_from - now
        cache.set(key, due + interval, timeout=math.ceil(period) + 1)
        return None


def count_add(key: str, *, window: int, step: int = 1) -> int:
    """Add ``step`` to the count of ``key`` and return the new count. A new count expires
    ``window`` seconds after its first step, whatever is added later."""
    if _on_redis():
        return int(_COUNT_ADD([key], [step, window * 1000]))
    with _LOCK:
        now = time.time()
        count, expires = cache.get(key, (0, now + window))
        count += step
        cache.set(key, (count, expires), timeout=max(1, math.ceil(expires - now)))
        return count


def count_give_back(key: str) -> None:
    """Take one step back from the count of ``key`` (a step that turned out not to count)."""
    if _on_redis():
        _COUNT_GIVE_BACK([key], [])
        return
    with _LOCK:
        now = time.time()
        count, expires = cache.get(key, (0, now))
        if count > 0 and expires > now:
            cache.set(key, (count - 1, expires), timeout=max(1, math.ceil(expires - now)))


def count_extend(key: str, *, window: int) -> None:
    """Keep the count of ``key`` for ``window`` seconds from now."""
    if _on_redis():
        cache.touch(key, window)
        return
    with _LOCK:
        count, _ = cache.get(key, (0, 0))
        if count:
            cache.set(key, (count, time.time() + window), timeout=window)


def count_clear(key: str) -> None:
    cache.delete(key)
