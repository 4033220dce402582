"""Planning throughput: paid orders → work orders through a real worker, Redis, PostgreSQL.

    uv run python bench/planning_bench.py [--orders 10000] [--batch 200] [--pool prefork]
        [--concurrency 2]

Works in its own database (``c2m_bench``, dropped and created here), never the dev data,
and its own Redis queue. Steps:

1. bulk-insert N paid orders of the four demo products (1–3 lines each) with their
   ``order.paid`` outbox messages, and queue ``production.plan_orders`` tasks of --batch
   messages each in Redis (pre-queued: nothing runs yet);
2. start a ``celery worker`` and time it from ready until every work order is committed;
3. the ceiling: the same work-order and event rows written again by a bare
   ``bulk_create`` (1,000 rows per statement) in this one process, in one transaction;
4. SQL queries per work order, counted on one batch planned in this process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "c2m_bench"
SERVER = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
QUEUE = f"c2m-bench-{os.getpid()}"
os.environ["DATABASE_URL"] = f"{SERVER}/{DB_NAME}"
os.environ["CELERY_QUEUE"] = QUEUE
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.planning_settings"
os.environ.setdefault("LOG_LEVEL", "WARNING")


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def drop_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--pool", default="prefork")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the c2m_bench database")
    args = parser.parse_args()

    recreate_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    try:
        run(args)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            drop_database()


def run(args: argparse.Namespace) -> None:
    import redis
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from c2m.celery import app
    from demo.paid_orders import demo_recipes_seed, paid_orders_create
    from orders.models import OrderLine
    from production.models import WorkOrder, WorkOrderEvent
    from production.services.planning import orders_plan

    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    demo_recipes_seed()
    started = time.perf_counter()
    message_ids: list[int] = []
    for chunk in range(0, args.orders, 2000):
        message_ids += paid_orders_create(min(2000, args.orders - chunk), seed=chunk)
    lines = OrderLine.objects.count()
    print(f"{args.orders} paid orders, {lines} lines, in {time.perf_counter() - started:.1f} s")

    with app.producer_or_acquire() as producer:
        for start in range(0, len(message_ids), args.batch):
            app.send_task(
                "production.plan_orders",
                args=[message_ids[start : start + args.batch]],
                producer=producer,
            )
    print(f"pre-queued {broker.llen(QUEUE)} tasks of {args.batch} orders on {QUEUE}")

    log_path = ROOT / "var" / f"bench-worker-{os.getpid()}.log"
    log_path.parent.mkdir(exist_ok=True)
    worker_env = {**os.environ, "CONN_MAX_AGE": "600"}
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "c2m", "worker", "-Q", QUEUE),
                *(f"--pool={args.pool}", f"--concurrency={args.concurrency}", "-l", "info"),
                *("--without-heartbeat", "--without-gossip", "--without-mingle"),
            ],
            cwd=ROOT,
            env=worker_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        while " ready." not in log_path.read_text():
            if worker.poll() is not None:
                raise SystemExit(f"worker died, see {log_path}")
            time.sleep(0.01)
        t0 = time.perf_counter()
        done = 0
        while done < lines:
            time.sleep(0.05)
            done = WorkOrder.objects.count()
            if time.perf_counter() - t0 > 900:
                raise SystemExit(f"only {done}/{lines} work orders after 15 min, see {log_path}")
        elapsed = time.perf_counter() - t0
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        broker.delete(QUEUE, f"{QUEUE}-routing")
    pipeline_rate = lines / elapsed
    print(
        f"pipeline: {lines} work orders committed in {elapsed:.2f} s = {pipeline_rate:,.0f}/s "
        f"({args.pool} × {args.concurrency}, batches of {args.batch})"
    )

    # The ceiling: the very same rows, written by one bare bulk_create in this process.
    rows = list(WorkOrder.objects.order_by("pk"))
    events = list(WorkOrderEvent.objects.filter(type="planned").order_by("work_order_id"))
    WorkOrderEvent.objects.all().delete()
    WorkOrder.objects.all().delete()
    for row in rows:
        row.pk = None
    started = time.perf_counter()
    with transaction.atomic():
        # 1,000 rows per statement was the fastest setting measured (vs one statement).
        created = WorkOrder.objects.bulk_create(rows, batch_size=1000)
        WorkOrderEvent.objects.bulk_create(
            [
                WorkOrderEvent(
                    work_order=wo, type=e.type, to_status=e.to_status, actor=e.actor, data=e.data
                )
                for wo, e in zip(created, events, strict=True)
            ],
            batch_size=1000,
        )
    ceiling = time.perf_counter() - started
    ceiling_rate = len(rows) / ceiling
    print(f"ceiling: bare bulk_create of the same rows in {ceiling:.2f} s = {ceiling_rate:,.0f}/s")
    print(f"pipeline / ceiling = {pipeline_rate / ceiling_rate:.2f}")

    extra = paid_orders_create(args.batch, seed=999_999)
    before = WorkOrder.objects.count()
    with CaptureQueriesContext(connection) as queries:
        orders_plan(message_ids=extra)
    made = WorkOrder.objects.count() - before
    print(
        f"SQL: {len(queries.captured_queries)} queries for a batch of {args.batch} orders "
        f"= {made} work orders: {len(queries.captured_queries) / made:.3f} queries/work order"
    )
    print(
        f"targets: ≥ 1,000 work orders/s ({'met' if pipeline_rate >= 1000 else 'NOT met'}), "
        f"≥ 0.3 × ceiling ({'met' if pipeline_rate >= 0.3 * ceiling_rate else 'NOT met'}); "
        f"load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
