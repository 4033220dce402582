"""Benchmark: the configurator's htmx update request, end to end through Django.

Run with ``uv run python bench/configurator_http_bench.py [iterations]`` (PostgreSQL from
``DATABASE_URL``; a throw-away ``bench_<name>`` database is created and dropped). Posts
each demo product's configuration (and a variant that changes one option) to
``/products/<sku>/configure/`` through the Django test client, the whole middleware stack
and template rendering included, and prints median / p95 per product against the
50 ms p95 target; then the engine's validate + price per configuration
(bench/configurator_bench.py).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from demo.catalog import DEMO_CONFIGURATIONS  # noqa: E402

TARGET_P95_MS = 50.0


def form_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """Return the product page's form fields for a raw configuration."""
    fields: dict[str, Any] = {"quantity": str(raw["quantity"])}
    for code, value in raw["options"].items():
        if isinstance(value, list):
            fields[code] = value
        elif isinstance(value, dict) and "text" in value:
            fields[code] = value["text"]
            if value.get("font"):
                fields[f"{code}.font"] = value["font"]
        elif isinstance(value, dict):
            fields[code] = value["artwork_id"]
            for name, number in (value.get("placement") or {}).items():
                fields[f"{code}.{name}"] = number
        else:
            fields[code] = value
    return fields


def _variant(fields: dict[str, Any]) -> dict[str, Any]:
    """The same design with the quantity changed: what typing in the quantity box sends."""
    return fields | {"quantity": str(int(fields["quantity"]) + 1)}


def measure(iterations: int) -> list[tuple[str, float, float]]:
    from demo.shop_window import DEMO_PRODUCTS, DEMO_RULES
    from orders.services.catalog import product_upsert, shared_rule_upsert

    for code, rule in DEMO_RULES.items():
        shared_rule_upsert(code=code, definition=rule)
    products = [product_upsert(**p) for p in DEMO_PRODUCTS]
    client = Client()
    client.get("/")  # session-free warm-up of URL resolving and templates
    rows = []
    for product in products:
        fields = form_fields(DEMO_CONFIGURATIONS[product.sku])
        url = f"/products/{product.sku}/configure/"
        for _ in range(20):
            assert client.post(url, fields, HTTP_HX_REQUEST="true").status_code == 200
        timings = []
        for i in range(iterations):
            data = fields if i % 2 else _variant(fields)
            start = time.perf_counter()
            response = client.post(url, data, HTTP_HX_REQUEST="true")
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        timings.sort()
        rows.append((product.sku, statistics.median(timings), timings[int(len(timings) * 0.95)]))
    return rows


def main() -> int:
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    setup_test_environment()
    connection.settings_dict.setdefault("TEST", {})
    connection.settings_dict["TEST"]["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        rows = measure(iterations)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"configurator update request (htmx POST, test client), {iterations} each")
    print(f"{'product':<20} {'median ms':>10} {'p95 ms':>10}")
    for sku, median, p95 in rows:
        print(f"{sku:<20} {median:>10.2f} {p95:>10.2f}")
    worst = max(p95 for _, _, p95 in rows)
    verdict = "OK" if worst <= TARGET_P95_MS else "OVER TARGET"
    print(f"worst p95 {worst:.2f} ms (target <= {TARGET_P95_MS:.0f} ms): {verdict}")
    print()
    sys.argv = [*sys.argv[:1], "2000"]
    from bench.configurator_bench import main as engine_main

    engine_status = engine_main()
    return 0 if worst <= TARGET_P95_MS and engine_status == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
