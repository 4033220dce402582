"""Benchmark of the Django routing service: load, solve and offer, through PostgreSQL.

    DATABASE_URL=postgres://... uv run python bench/routing_service_bench.py [--orders 500]

Creates factories with 60 days of capacity and placed, planned orders in the database
named by DATABASE_URL (migrated), times one ``work_orders_route`` run split into its
phases, checks that no day is overbooked, then rolls everything back.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.demo")

import django

django.setup()

from django.db import transaction  # noqa: E402
from django.db.models import F  # noqa: E402

from orders.models import OutboxMessage  # noqa: E402
from production.models import CapacityDay  # noqa: E402
from production.services import routing as routing_service  # noqa: E402
from production.services.planning import orders_plan  # noqa: E402
from tests.factories import SHIP_TO, PlantFactory, demo_product, place_order  # noqa: E402

CITIES = [("Shanghai", "CN"), ("Beijing", "CN"), ("Shenzhen", "CN"), ("Berlin", "DE")]


class Rollback(Exception):
    pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=500)
    parser.add_argument("--factories", type=int, default=20)
    args = parser.parse_args()
    rng = random.Random(1)
    timings: dict[str, float] = {}
    try:
        with transaction.atomic():
            product = demo_product("custom-tee")
            for i in range(args.factories):
                PlantFactory(
                    code=f"bench-{i}",
                    latitude=22 + rng.random() * 10,
                    longitude=108 + rng.random() * 12,
                    minutes_per_day=rng.choice([240, 480, 960]),
                )
            with mock.patch("orders.services.outbox._send"):
                for _ in range(args.orders):
                    city, country = rng.choice(CITIES)
                    place_order(
                        product,
                        {"size": "M", "colour": "white"},
                        quantity=rng.randint(1, 40),
                        ship_to={**SHIP_TO, "city": city, "country": country},
                    )
            messages = OutboxMessage.objects.filter(processed_at__isnull=True)
            ids = orders_plan(message_ids=list(messages.values_list("pk", flat=True)))
            real_route = routing_service.route

            def timed_route(*a, **kw):
                started = time.perf_counter()
                result = real_route(*a, **kw)
                timings["solve"] = time.perf_counter() - started
                return result

            started = time.perf_counter()
            with mock.patch.object(routing_service, "route", timed_route):
                outcome = routing_service.work_orders_route(work_order_ids=ids)
            timings["total"] = time.perf_counter() - started
            overbooked = CapacityDay.objects.filter(
                reserved_minutes__gt=F("available_minutes")
            ).count()
            raise Rollback
    except Rollback:
        pass
    rest = timings["total"] - timings["solve"]
    print(f"{args.orders} work orders x {args.factories} factories: {outcome}")
    print(
        f"total {timings['total']:.2f}s = solve {timings['solve']:.2f}s + load/offer "
        f"{rest:.2f}s ({1000 * rest / max(len(ids), 1):.1f} ms per work order); "
        f"overbooked days: {overbooked}"
    )


if __name__ == "__main__":
    main()
