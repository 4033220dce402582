#!/usr/bin/env python
"""A bounded load run of the whole system on loopback (property 22 of RELIABILITY.md).

    uv run python bench/load_run.py [--seconds 60] [--web 1] [--workers 1] [--shoppers 4]

Starts a PostgreSQL cluster of its own (``initdb`` into a temporary directory, fsync on;
the machine's shared server is not touched), migrates and seeds it with the demo network
(six plants, each with an API key), then runs the production topology against it and the
machine's Redis (``REDIS_URL``, a queue of its own): ``--web`` gunicorn servers (gthread,
2 workers × 4 threads each, as README's production command), ``--workers`` Celery workers
and one beat. For ``--seconds`` it drives them with small httpx clients:

- ``--shoppers`` threads, each buying an engraved tumbler as a new guest, again and again
  (product page, add to cart, checkout page, checkout with the sandbox card);
- one reference factory agent per plant (``demo.agent``) polling and working its offers:
  accept, started, QC passed, shipped, each with an Idempotency-Key and If-Match.

Then the shoppers stop, the plants finish what was planned (at most ``--drain`` seconds),
everything stops, and it prints, per operation, the requests, the error rate and p50, p95
and p99 latency, and what the database holds: orders lost or duplicated, order lines
without a work order or with two, steps recorded twice, shipments duplicated, orders
without exactly one captured payment, outbox messages left open. Exits 1 if any of those
is not zero, or any request failed with a 5xx or no answer.

Requests are spread over the web servers round-robin (shopper ``i`` and plant ``i`` talk to
server ``i mod --web``). The factory API's per-key throttle is off (bench/load_settings.py).
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from demo.agent import FactoryAgent
from demo.live_stack import (
    Exchange,
    LiveStack,
    PostgresCluster,
    Recorder,
    integrity_report,
)
from demo.shopper import TUMBLER, CheckoutFailed, storefront_checkout

OPERATION_ORDER = [
    "product page",
    "add to cart",
    "checkout page",
    "checkout",
    "factory poll",
    "accept",
    "event",
]


def percentile(sorted_seconds: list[float], fraction: float) -> float:
    index = min(len(sorted_seconds) - 1, max(0, round(fraction * len(sorted_seconds)) - 1))
    return sorted_seconds[index] * 1000


def failed(exchange: Exchange) -> bool:
    """A request that did not do what was asked: no answer, 4xx or 5xx (a 304 is a success)."""
    return exchange.status == 0 or exchange.status >= 400


def print_table(exchanges: list[Exchange], seconds: float) -> None:
    by_operation: dict[str, list[Exchange]] = defaultdict(list)
    for exchange in exchanges:
        by_operation[exchange.operation].append(exchange)
    names = [n for n in OPERATION_ORDER if n in by_operation]
    names += sorted(set(by_operation) - set(names))
    print(
        f"\n{'operation':<16}{'requests':>9}{'req/s':>8}{'errors':>8}{'error %':>9}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}  statuses"
    )
    for name in [*names, "all"]:
        rows = exchanges if name == "all" else by_operation[name]
        latencies = sorted(e.seconds for e in rows)
        errors = sum(failed(e) for e in rows)
        statuses = defaultdict(int)
        for e in rows:
            statuses[e.status] += 1
        shown = " ".join(f"{status}×{n}" for status, n in sorted(statuses.items()))
        print(
            f"{name:<16}{len(rows):>9}{len(rows) / seconds:>8.1f}{errors:>8}"
            f"{100 * errors / len(rows):>8.2f}%{percentile(latencies, 0.50):>9.1f}"
            f"{percentile(latencies, 0.95):>9.1f}{percentile(latencies, 0.99):>9.1f}  {shown}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--web", type=int, default=1, help="gunicorn servers")
    parser.add_argument("--workers", type=int, default=1, help="Celery workers")
    parser.add_argument("--shoppers", type=int, default=4)
    parser.add_argument("--drain", type=float, default=120, help="max seconds to finish work")
    parser.add_argument("--keep-logs", action="store_true", help="keep the processes' logs")
    args = parser.parse_args()

    log_dir = Path(tempfile.mkdtemp(prefix="c2m-load-"))
    cluster = PostgresCluster()
    cluster.init()
    cluster.start(durable=True)
    stack = LiveStack(
        env={
            "DJANGO_SETTINGS_MODULE": "bench.load_settings",
            "DATABASE_URL": cluster.create_database("c2m_load"),
            "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
            "MEDIA_ROOT": str(log_dir / "media"),
        },
        log_dir=log_dir,
    )
    try:
        return run(args, stack)
    finally:
        stack.stop()
        cluster.destroy()
        if args.keep_logs:
            print(f"logs: {log_dir}")
        else:
            shutil.rmtree(log_dir, ignore_errors=True)


def run(args: argparse.Namespace, stack: LiveStack) -> int:
    print(f"preparing {stack.env['DATABASE_URL']}: migrate, seed", flush=True)
    keys = stack.prepare()
    webs = [stack.start_web(workers=2, threads=4) for _ in range(args.web)]
    for n in range(args.workers):
        stack.start_worker(name=f"worker-{n + 1}")
    stack.start_beat()
    processes = stack.pids()
    print(
        f"running {args.seconds:g} s: {args.web} web server(s) {webs}, {args.workers} "
        f"worker(s), beat, {args.shoppers} shoppers, {len(keys)} plants",
        flush=True,
    )
    recorder = Recorder()
    told: list[str] = []
    checkout_failures: list[str] = []
    shoppers_stop = threading.Event()
    plants_stop = threading.Event()
    names = (f"LOAD{chr(65 + a)}{chr(65 + b)}" for a, b in itertools.product(range(26), repeat=2))
    name_lock = threading.Lock()

    def shop(index: int) -> None:
        web = webs[index % len(webs)]
        while not shoppers_stop.is_set():
            with name_lock:
                engraving = next(names, "LOAD")
            with recorder.client(web) as client:
                try:
                    number = storefront_checkout(
                        client, sku="TUMBLER-ENGRAVED", design=TUMBLER, engraving=engraving
                    )
                except (CheckoutFailed, OSError) as error:
                    checkout_failures.append(repr(error))
                    continue
            told.append(number)

    def plant(index: int, code: str, key: str) -> None:
        api = f"{webs[index % len(webs)]}/api/factory/v1/"
        client = recorder.client(api, headers={"Authorization": f"Api-Key {key}"})
        agent = FactoryAgent(api_url=api, key=key, name=code, qc_failure_rate=0, client=client)
        while not plants_stop.is_set():
            try:
                agent.run_once()
            except OSError as error:  # httpx errors; recorded by the transport already
                print(f"{code}: {error!r}", flush=True)
            time.sleep(0.2)

    threads = [threading.Thread(target=shop, args=(i,)) for i in range(args.shoppers)]
    threads += [
        threading.Thread(target=plant, args=(i, code, key))
        for i, (code, key) in enumerate(sorted(keys.items()))
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    shoppers_stop.set()
    for thread in threads[: args.shoppers]:
        thread.join()
    loaded = time.monotonic() - started
    load_exchanges = list(recorder)

    print(f"load done after {loaded:.1f} s; the plants finish the planned work", flush=True)
    database = stack.env["DATABASE_URL"]
    drained = time.monotonic()
    while time.monotonic() - drained < args.drain and not all_shipped(database, len(told)):
        time.sleep(1)
    plants_stop.set()
    for thread in threads[args.shoppers :]:
        thread.join()
    still_running = stack.pids() == processes

    print(f"\nDuring the {loaded:.0f} s of load (all clients):")
    print_table(load_exchanges, loaded)
    print(f"\nWhole run including the {time.monotonic() - drained:.0f} s drain:")
    everything = list(recorder)
    print_table(everything, time.monotonic() - started)

    report = integrity_report(database, told)
    shipped = shipped_count(database)
    print(
        f"\norders placed: {len(told)}, checkouts that failed: {len(checkout_failures)} "
        f"{checkout_failures[:3]}; work orders shipped: {shipped}"
    )
    for check, count in report.items():
        print(f"  {check:<50}{count:>6}")
    server_errors = sum(e.status == 0 or e.status >= 500 for e in everything)
    print(f"5xx or unanswered requests: {server_errors}; processes unchanged: {still_running}")
    ok = not any(report.values()) and not server_errors and not checkout_failures
    print("RESULT:", "nothing lost or duplicated" if ok else "FAILED")
    return 0 if ok and still_running else 1


def all_shipped(database: str, orders: int) -> bool:
    return shipped_count(database) >= orders


def shipped_count(database: str) -> int:
    import psycopg

    with psycopg.connect(database) as conn:
        row = conn.execute(
            "SELECT count(*) FROM production_workorder WHERE status IN ('shipped', 'delivered')"
        ).fetchone()
    return row[0] if row else 0


if __name__ == "__main__":
    sys.exit(main())
