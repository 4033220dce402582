"""Benchmark: validate + price one configuration of each demo product.

Run with ``uv run python bench/configurator_bench.py [iterations]``; needs no database.
Prints the median and p95 per product; the target is <= 1 ms median per configuration.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from configurator import price, validate
from demo.catalog import DEMO_CONFIGURATIONS, demo_definitions

TARGET_MS = 1.0


def measure(iterations: int) -> list[tuple[str, float, float]]:
    """Return ``(sku, median ms, p95 ms)`` of validate + price per demo product."""
    rows = []
    for definition in demo_definitions():
        raw = DEMO_CONFIGURATIONS[definition.sku]
        for _ in range(50):  # warm-up
            price(definition, validate(definition, raw).configuration)
        timings = []
        for _ in range(iterations):
            start = time.perf_counter()
            validation = validate(definition, raw)
            price(definition, validation.configuration)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        rows.append((definition.sku, statistics.median(timings), timings[int(len(timings) * 0.95)]))
    return rows


def main() -> int:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    rows = measure(iterations)
    print(f"validate + price, {iterations} iterations each")
    print(f"{'product':<20} {'median ms':>10} {'p95 ms':>10}")
    for sku, median, p95 in rows:
        print(f"{sku:<20} {median:>10.3f} {p95:>10.3f}")
    worst = max(median for _, median, _ in rows)
    verdict = "OK" if worst <= TARGET_MS else "OVER TARGET"
    print(f"worst median {worst:.3f} ms (target <= {TARGET_MS} ms): {verdict}")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
