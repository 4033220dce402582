#!/usr/bin/env python
"""Checkout benchmark: N carts placed by T threads (each cart submitted twice, as a double
click would), against the database in DATABASE_URL. Reports latency percentiles and checks
that every cart became exactly one order.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/c2m_bench \
        uv run python bench/checkout_bench.py --carts 200 --threads 8
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.demo")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "false")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--carts", type=int, default=200)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--lines", type=int, default=3)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from demo.shop_window import DEMO_PRODUCTS
    from orders.models import Cart, Order
    from orders.services import outbox
    from orders.services.cart import cart_get_or_create, cart_line_add
    from orders.services.catalog import product_upsert
    from orders.services.checkout import checkout_place
    from orders.services.configurations import configuration_create

    outbox._send = lambda topic, ids: None  # measure checkout, not the broker
    product = product_upsert(**DEMO_PRODUCTS[0])
    sizes = ["S", "M", "L", "XL", "XXL"][: args.lines]
    configurations = [
        configuration_create(product=product, raw={"options": {"size": s, "colour": "white"}})[0]
        for s in sizes
    ]
    carts = []
    for _ in range(args.carts):
        cart = cart_get_or_create(token=None, customer_id=None)
        for configuration in configurations:
            cart_line_add(cart=cart, configuration=configuration, quantity=2)
        carts.append(cart.pk)
    connection.close()

    jobs = [(cart_id, uuid.uuid4().hex) for cart_id in carts for _ in range(2)]
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []

    def worker() -> None:
        while True:
            with lock:
                if not jobs:
                    break
                cart_id, key = jobs.pop()
            started = time.perf_counter()
            try:
                checkout_place(
                    cart_id=cart_id,
                    idempotency_key=key,
                    email="bench@example.com",
                    address={
                        "name": "Bench",
                        "line1": "1 Road",
                        "city": "Shanghai",
                        "region": "Shanghai",
                        "postal_code": "200120",
                        "country": "CN",
                    },
                    shipping_method="standard",
                    payment_provider="test",
                    payment_data={"card_number": "4242424242424242"},
                    actor="bench",
                )
            except Exception as error:  # reported below
                errors.append(repr(error))
            latencies.append(time.perf_counter() - started)
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(args.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started

    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000  # noqa: E731
    orders = Order.objects.filter(cart__pk__in=carts).count()
    print(
        f"submits={len(latencies)} carts={len(carts)} threads={args.threads} "
        f"lines={args.lines} elapsed={elapsed:.2f}s rate={len(latencies) / elapsed:.1f}/s"
    )
    print(
        f"latency ms: p50={pct(0.5):.1f} p95={pct(0.95):.1f} p99={pct(0.99):.1f} "
        f"mean={statistics.mean(latencies) * 1000:.1f}"
    )
    converted = Cart.objects.filter(pk__in=carts, order__isnull=False).count()
    print(f"orders={orders} converted_carts={converted} errors={len(errors)} {errors[:3]}")
    if orders != len(carts) or errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
