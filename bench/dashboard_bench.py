# ruff: noqa: E402 - Django is set up before the app imports
"""The dashboard at 100k orders: platform and per-factory view, 30 days and a year, the
current queries side by side with the ones before (bench/dashboard_before.py).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/c2m_admin_bench \\
        uv run python bench/dashboard_bench.py [--orders 100000] [--reseed] [--runs 5]

Seeds (once) a year of history over 8 factories with demo.history: 100k orders,
100k work orders, ~620k work-order events, ~110k reservations, in time order as a live
table fills; with --shuffled in random order, the worst case for one month, whose rows are
then spread over the whole table.

Prints wall time and CPU time per dashboard (this process + the PostgreSQL backend, read
from /proc/<pid>/schedstat, so other load on the machine barely moves it), best and median
of ``--runs``. "Before" runs inside a transaction that puts the old indexes back and takes
the new ones away, then rolls back. Create the database first (createdb); the script
migrates it, and refuses one whose name lacks "bench", so it is never the test or demo one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.demo")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/c2m_admin_bench")

import django

django.setup()

from django.core.management import call_command
from django.db import connection, transaction

from backoffice.selectors.dashboard import dashboard_figures
from backoffice.selectors.dashboard.orders import Period
from bench import dashboard_before
from demo.history import history_seed
from orders.models import Order
from production.models import CapacityReservation, Factory, WorkOrder, WorkOrderEvent

DAYS = 365
FACTORIES = 8
# What the old schema had instead of the new indexes (production 0006 vs 0011).
OLD_INDEXES = [
    "CREATE INDEX wo_event_created_type_idx ON production_workorderevent (created_at, type)"
]
NEW_INDEXES = [
    "wo_event_type_created_idx",
    "wo_event_offer_idx",
    "wo_event_routed_factory_idx",
    "reservation_day_order_idx",
]


def seed(n_orders: int, shuffled: bool) -> None:
    factories = [
        Factory.objects.get_or_create(
            code=f"bench-{i}", defaults={"name": f"Bench {i}", "city": "Shenzhen", "country": "CN"}
        )[0]
        for i in range(FACTORIES)
    ]
    history_seed(factories=factories, orders=n_orders, days=DAYS, shuffled=shuffled, progress=True)


def backend_cpu_ms() -> float | None:
    """CPU time the PostgreSQL backend of this connection has used so far, if readable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        return int(Path(f"/proc/{pid}/schedstat").read_text().split()[0]) / 1e6
    except OSError:
        return None


def measure(figures: Callable[[], object], runs: int) -> dict[str, float | None]:
    figures()  # warm the caches, as a dashboard someone keeps open is
    walls, cpus = [], []
    for _ in range(runs):
        backend, own, wall = backend_cpu_ms(), time.process_time(), time.perf_counter()
        figures()
        walls.append((time.perf_counter() - wall) * 1000)
        after = backend_cpu_ms()
        if backend is not None and after is not None:
            cpus.append(after - backend + (time.process_time() - own) * 1000)
    return {
        "wall": min(walls),
        "wall_median": statistics.median(walls),
        "cpu": min(cpus) if cpus else None,
        "cpu_median": statistics.median(cpus) if cpus else None,
    }


@contextmanager
def old_schema() -> Iterator[None]:
    """The indexes as they were before, for the length of a rolled-back transaction."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            for name in NEW_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
            for sql in OLD_INDEXES:
                cursor.execute(sql)
            cursor.execute("ANALYZE production_workorderevent")
        yield
        transaction.set_rollback(True)


def same_figures(before: dict, after: dict) -> list[str]:
    """Where the old and new queries disagree (keys the old ones had; the platform row's
    work-order p90 is no longer computed)."""
    differences = []
    for key, old in before.items():
        new = after[key]
        if key == "factories":
            for code, row in old.items():
                for name, value in row.items():
                    if code == dashboard_before.PLATFORM and name == "p90_lead_days":
                        continue
                    now = new.get(code, {}).get(name)
                    if now != value:
                        differences.append(f"{code}.{name}: {value} → {now}")
        elif new != old:
            differences.append(f"{key}: {old} → {new}")
    return differences


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--reseed", action="store_true", help="empty the database first")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--shuffled", action="store_true", help="seed rows in random order (worst case)"
    )
    args = parser.parse_args()
    name = connection.settings_dict["NAME"]
    assert "bench" in name, "refusing to seed a database whose name lacks 'bench'"
    call_command("migrate", verbosity=0)
    if args.reseed or not Order.objects.exists():
        t = time.perf_counter()
        call_command("flush", interactive=False, verbosity=0)
        seed(args.orders, args.shuffled)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        print(f"seeded in {time.perf_counter() - t:.1f}s")
    print(
        f"orders: {Order.objects.count()}, work orders: {WorkOrder.objects.count()}, "
        f"work-order events: {WorkOrderEvent.objects.count()}, "
        f"reservations: {CapacityReservation.objects.count()}; "
        f"load average at start: {os.getloadavg()[0]:.2f}"
    )
    factory = Factory.objects.get(code="bench-3")
    today = date.today()
    results = []
    for days in (30, 365):
        period = Period(today - timedelta(days - 1), today)
        with old_schema():
            before = measure(lambda p=period: dashboard_before.dashboard_figures(p), args.runs)
            old_figures = dashboard_before.dashboard_figures(period)
        after = measure(lambda p=period: dashboard_figures(p), args.runs)
        differences = same_figures(old_figures, dashboard_figures(period))
        per_factory = measure(lambda p=period: dashboard_figures(p, factory), args.runs)
        results.append((days, before, after, per_factory, differences))
    print(f"load average at end: {os.getloadavg()[0]:.2f}\n")
    print_table(results, factory, args.runs)


def print_table(results: list, factory: Factory, runs: int) -> None:
    def cell(figures: dict[str, float | None], key: str) -> str:
        best, median = figures[key], figures[f"{key}_median"]
        return "n/a" if best is None else f"{best:6.0f} / {median:6.0f}"

    print(f"dashboard figures, ms (best / median of {runs})")
    print(
        f"{'period':>8} | {'view':<18} | {'before CPU':>15} | {'before wall':>15} | "
        f"{'after CPU':>15} | {'after wall':>15} | speed-up (CPU)"
    )
    for days, before, after, per_factory, differences in results:
        speedup = before["cpu"] / after["cpu"] if before["cpu"] and after["cpu"] else None
        print(
            f"{days:>5} d. | {'platform':<18} | {cell(before, 'cpu'):>15} | "
            f"{cell(before, 'wall'):>15} | {cell(after, 'cpu'):>15} | {cell(after, 'wall'):>15} | "
            + (f"{speedup:.1f}x" if speedup else "n/a")
        )
        print(
            f"{days:>5} d. | {'factory ' + factory.code:<18} | {'(no such view)':>15} | "
            f"{'':>15} | {cell(per_factory, 'cpu'):>15} | {cell(per_factory, 'wall'):>15} |"
        )
        verdict = "identical" if not differences else "; ".join(differences[:5])
        print(f"{'':>8}   platform figures, before vs after: {verdict}")


if __name__ == "__main__":
    main()
