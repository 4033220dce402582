"""The per-key throttle holds when one key sends many requests at once (issue #22, item 10).

The throttle's schedule lives in Redis, shared by every web process and thread; a read
followed by a separate write let concurrent requests through on the same slot (12
connections for 10 s: 4,102 answered against a ceiling of about 1,400).
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from production.api.throttling import throttle_take
from tests.production.api.conftest import API
from tests.shared_cache import redis_cache  # noqa: F401 - fixture

LIMIT = 40


def test_concurrent_takes_of_one_key_never_exceed_its_burst(redis_cache, settings):  # noqa: F811
    # One an hour after the burst: nothing new comes due while the test runs.
    settings.FACTORY_API_THROTTLE_RATE = f"{LIMIT}/h"
    start = threading.Barrier(16)

    def hammer(_: int) -> int:
        start.wait()
        return sum(throttle_take("c2mkey") is None for _ in range(25))

    with ThreadPoolExecutor(16) as pool:
        allowed = sum(pool.map(hammer, range(16)))  # 400 requests

    assert allowed == LIMIT
    assert throttle_take("c2mkey") is not None
    assert throttle_take("another") is None  # other keys have their own budget


@pytest.mark.django_db(transaction=True)
def test_twelve_connections_of_one_key_get_no_more_than_the_rate_allows(
    live_server,
    redis_cache,  # noqa: F811
    factory_key,
    settings,
):
    settings.FACTORY_API_THROTTLE_RATE = f"{LIMIT}/min"  # a burst of 40, then one per 1.5 s
    url = f"{live_server.url}{API}feed/"
    headers = {"Authorization": f"Api-Key {factory_key}"}
    began = time.monotonic()

    def connection(_: int) -> Counter:
        seen: Counter = Counter()
        with httpx.Client(headers=headers, timeout=30) as client:
            for _ in range(15):
                response = client.get(url)
                seen[response.status_code] += 1
                if response.status_code == 429:
                    assert response.json()["code"] == "throttled"
                    assert int(response.headers["Retry-After"]) >= 1
        return seen

    with ThreadPoolExecutor(12) as pool:
        seen = sum(pool.map(connection, range(12)), Counter())
    elapsed = time.monotonic() - began

    ceiling = LIMIT + int(elapsed / 1.5) + 1
    assert seen[200] + seen[429] == 180
    assert LIMIT <= seen[200] <= ceiling, (seen, elapsed)


def test_on_redis_a_burst_is_followed_by_one_request_per_interval(redis_cache):  # noqa: F811
    from c2m.rate_limits import rate_take

    burst = [rate_take("k", count=3, period=60, now=1000.0) for _ in range(4)]

    assert burst[:3] == [None, None, None]
    assert burst[3] == pytest.approx(20)  # 3 a minute: one every 20 s after the burst
    assert rate_take("k", count=3, period=60, now=1019.0) == pytest.approx(1)
    assert rate_take("k", count=3, period=60, now=1020.0) is None
    assert rate_take("k", count=3, period=60, now=1020.5) is not None
