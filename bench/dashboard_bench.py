# ruff: noqa: E501 - long SQL statements of a one-off seeding script
"""Seed 100k orders (with lines, timelines, work orders, events, capacity) into a separate
database with bulk_create, then time the dashboard's query set over a 30-day period.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/c2m_admin_bench \
        uv run python bench/dashboard_bench.py [--orders 100000] [--reseed]

The database is created and migrated if needed; it is never the test or demo database.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.base")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/c2m_admin_bench")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from orders.models import Order, OrderEvent, OrderLine  # noqa: E402
from orders.selectors.dashboard import Period  # noqa: E402
from production.admin.dashboard import dashboard_figures  # noqa: E402
from production.models import (  # noqa: E402
    CapacityDay,
    CapacityReservation,
    Factory,
    WorkOrder,
    WorkOrderEvent,
)

DAYS = 365
BATCH = 5000


def seed(n_orders: int) -> None:
    rng = random.Random(7)
    start = timezone.make_aware(
        datetime.combine(date.today() - timedelta(DAYS), datetime.min.time())
    )
    factories = [
        Factory.objects.get_or_create(
            code=f"bench-{i}", defaults={"name": f"Bench {i}", "city": "Shenzhen", "country": "CN"}
        )[0]
        for i in range(8)
    ]
    days = [date.today() - timedelta(DAYS) + timedelta(d) for d in range(DAYS + 30)]
    capacity = CapacityDay.objects.bulk_create(
        CapacityDay(
            factory=f,
            centre_type="dtg",
            day=d,
            available_minutes=4800,
            reserved_minutes=rng.randint(0, 4800),
        )
        for f in factories
        for d in days
    )
    for first in range(0, n_orders, BATCH):
        placed = [
            start + timedelta(seconds=rng.randint(0, DAYS * 86400))
            for _ in range(min(BATCH, n_orders - first))
        ]
        orders = Order.objects.bulk_create(
            Order(
                number=f"B-{first + i:09d}",
                email=f"c{rng.randint(0, n_orders // 2)}@x.example",
                status="shipped",
                total=Decimal("99.00"),
                subtotal=Decimal("99.00"),
                tracking_token=f"t{first + i}",
                promised_date=(p + timedelta(5)).date(),
                created_at=p,
            )
            for i, p in enumerate(placed)
        )
        lines = OrderLine.objects.bulk_create(
            OrderLine(
                order=o,
                line_no=1,
                product_sku="tee",
                product_name="Tee",
                configuration_hash="h",
                configuration={},
                quantity=1,
                unit_price=Decimal("99.00"),
                line_total=Decimal("99.00"),
                price_breakdown=[
                    {"label": "Base price", "amount": "79.00"},
                    {"kind": "service", "label": "Design", "amount": "20.00"},
                ],
            )
            for o in orders
        )
        shipped_at = {
            o.pk: p + timedelta(hours=rng.randint(48, 200))
            for o, p in zip(orders, placed, strict=True)
        }
        OrderEvent.objects.bulk_create(
            e
            for o, p in zip(orders, placed, strict=True)
            for e in (
                OrderEvent(order=o, kind="status", code="placed", to_status="placed", actor="b"),
                OrderEvent(
                    order=o,
                    kind="status",
                    code="shipped",
                    from_status="placed",
                    to_status="shipped",
                    actor="b",
                ),
            )
        )
        work_orders = WorkOrder.objects.bulk_create(
            WorkOrder(
                number=f"WB-{o.number}",
                order_id=o.pk,
                order_number=o.number,
                order_line_id=line.pk,
                status="shipped",
                factory=rng.choice(factories),
                product_sku="tee",
                product_name="Tee",
                quantity=1,
                due_date=o.promised_date,
                snapshot={},
                content_hash="h",
            )
            for o, line in zip(orders, lines, strict=True)
        )
        events = []
        for wo in work_orders:
            for kind, frm, to in [
                ("planned", "", "pending"),
                ("offered", "pending", "offered"),
                ("accepted", "offered", "accepted"),
                ("started", "accepted", "in_production"),
                ("qc_passed" if rng.random() > 0.05 else "qc_failed", "in_production", "qc_passed"),
                ("shipped", "qc_passed", "shipped"),
            ]:
                events.append(
                    WorkOrderEvent(
                        work_order=wo,
                        type=kind,
                        from_status=frm,
                        to_status=to,
                        actor="b",
                        data={"factory": wo.factory.code},
                    )
                )
        WorkOrderEvent.objects.bulk_create(events)
        CapacityReservation.objects.bulk_create(
            CapacityReservation(work_order=wo, capacity_day=rng.choice(capacity), minutes=30)
            for wo in work_orders
        )
        # auto_now_add ignores given values: date everything in SQL.
        ids = [o.pk for o in orders]
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE orders_order o SET created_at = v.t FROM unnest(%s::bigint[], %s::timestamptz[]) v(id, t) WHERE o.id = v.id",
                [ids, placed],
            )
            cursor.execute(
                "UPDATE orders_orderevent e SET created_at = CASE WHEN e.to_status = 'shipped' THEN v.s ELSE v.t END "
                "FROM unnest(%s::bigint[], %s::timestamptz[], %s::timestamptz[]) v(id, t, s) WHERE e.order_id = v.id",
                [ids, placed, [shipped_at[i] for i in ids]],
            )
            cursor.execute(
                "UPDATE production_workorder w SET created_at = o.created_at FROM orders_order o WHERE w.order_id = o.id AND o.id = ANY(%s)",
                [ids],
            )
            cursor.execute(
                "UPDATE production_workorderevent e SET created_at = w.created_at + (CASE e.type WHEN 'shipped' THEN interval '4 days' ELSE interval '1 hour' END) "
                "FROM production_workorder w WHERE e.work_order_id = w.id AND w.order_id = ANY(%s)",
                [ids],
            )
            cursor.execute(
                "UPDATE production_capacityreservation r SET created_at = w.created_at FROM production_workorder w WHERE r.work_order_id = w.id AND w.order_id = ANY(%s)",
                [ids],
            )
        print(f"  seeded {first + len(orders)} orders", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--reseed", action="store_true")
    args = parser.parse_args()
    name = connection.settings_dict["NAME"]
    assert "bench" in name, "refusing to seed a database whose name lacks 'bench'"
    call_command("migrate", verbosity=0)
    if args.reseed or not Order.objects.exists():
        t = time.perf_counter()
        seed(args.orders)
        print(f"seeded in {time.perf_counter() - t:.1f}s")
    print(
        f"orders: {Order.objects.count()}, work orders: {WorkOrder.objects.count()}, "
        f"work-order events: {WorkOrderEvent.objects.count()}"
    )
    today = date.today()
    for label, days in [("30 days", 30), ("365 days", 365)]:
        period = Period(today - timedelta(days - 1), today)
        timings = []
        for _ in range(3):
            t = time.perf_counter()
            dashboard_figures(period)
            timings.append(time.perf_counter() - t)
        print(
            f"dashboard figures over {label}: best {min(timings) * 1000:.0f} ms, "
            f"worst {max(timings) * 1000:.0f} ms"
        )


if __name__ == "__main__":
    main()
