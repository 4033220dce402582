"""Benchmark of the factory API's poll endpoint; prints req/s and latency percentiles.

    uv run python bench/factory_api_bench.py [--rows 100000] [--seconds 8] [--concurrency 8]

Creates its own PostgreSQL database (c2m_factory_bench, dropped at the end), bulk-inserts
``--rows`` work orders across 20 factories (50 of them offered to the polled factory),
starts gunicorn (3 gthread workers, DEBUG off) on loopback, and drives it
with an httpx client pool. Compared side by side, on the same server in the same run:

- poll:  GET /api/factory/v1/work-orders/?status=offered (50 rows)
- naive: a DRF ModelSerializer ListAPIView over the same query (bench URLconf only)
- static: a JsonResponse of the poll's bytes, no auth, no query (bench URLconf only)
- 304:   the poll with If-None-Match of its ETag (an idle poll)
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = "c2m_factory_bench"


def admin_sql(statement: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def seed(rows: int) -> str:
    """Bulk-insert the work orders; return the polled factory's API key."""
    import django

    django.setup()
    from production.models import Factory, WorkOrder
    from production.services.api_keys import api_key_create

    factories = Factory.objects.bulk_create(
        Factory(code=f"bench-{i}", name=f"Bench plant {i}", city="Shenzhen", country="CN")
        for i in range(20)
    )
    polled = factories[0]
    statuses = ["shipped", "shipped", "shipped", "in_production", "accepted", "cancelled"]
    batch: list[WorkOrder] = []
    for n in range(rows):
        if n < 50:
            factory, status = polled, "offered"
        else:
            factory, status = factories[n % 20], statuses[n % len(statuses)]
        batch.append(
            WorkOrder(
                number=f"WO-BENCH-{n}",
                order_id=n,
                order_number=f"C2M-B{n}",
                order_line_id=n,
                status=status,
                factory=factory,
                product_sku="TEE-PRINT",
                product_name="Custom printed T-shirt",
                quantity=1 + n % 5,
                due_date=date.today() + timedelta(days=n % 30),
                snapshot={"configuration": {"size": "M"}, "operations": [], "files": []},
                content_hash=f"{n:064x}",
            )
        )
        if len(batch) == 5000:
            WorkOrder.objects.bulk_create(batch)
            batch = []
    WorkOrder.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return api_key_create(factory=polled, name="bench")[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load(url: str, headers: dict, seconds: float, concurrency: int) -> dict:
    """Closed-loop load: ``concurrency`` keep-alive clients for ``seconds``."""
    latencies: list[float] = []
    codes: dict[int, int] = {}
    lock = threading.Lock()
    clients = [httpx.Client(headers=headers, timeout=30) for _ in range(concurrency)]
    deadline = time.perf_counter() + seconds

    def worker(client: httpx.Client) -> None:
        mine, my_codes = [], {}
        with client:
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                response = client.get(url)
                mine.append(time.perf_counter() - start)
                my_codes[response.status_code] = my_codes.get(response.status_code, 0) + 1
        with lock:
            latencies.extend(mine)
            for code, count in my_codes.items():
                codes[code] = codes.get(code, 0) + count

    threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    latencies.sort()
    if not latencies:
        return {"rps": 0.0, "p50": 0.0, "p99": 0.0, "n": 0, "codes": codes}
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[max(int(len(latencies) * 0.99) - 1, 0)] * 1000,
        "n": len(latencies),
        "codes": codes,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=8)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{PG}/{DB}",
    }
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")})
    sys.path.insert(0, str(ROOT))
    admin_sql(f"DROP DATABASE IF EXISTS {DB}")
    admin_sql(f"CREATE DATABASE {DB}")
    server = None
    static_file = tempfile.NamedTemporaryFile(suffix=".json", delete=False)  # noqa: SIM115
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
        )
        started = time.perf_counter()
        key = seed(args.rows)
        print(f"seeded {args.rows} work orders in {time.perf_counter() - started:.1f}s")
        port = free_port()
        env["BENCH_STATIC_FILE"] = static_file.name
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "c2m.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "3",
                "--threads",
                "4",
                "--worker-class",
                "gthread",
                "--keep-alive",
                "30",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        auth = {"Authorization": f"Api-Key {key}"}
        poll_url = f"{base}/api/factory/v1/work-orders/?status=offered"
        for _ in range(100):
            try:
                first = httpx.get(poll_url, headers=auth, timeout=5)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        assert first.status_code == 200 and len(first.json()["results"]) == 50, first.text
        static_file.write(first.content)
        static_file.close()
        etag = first.headers["ETag"]
        print(
            f"server: gunicorn (3 gthread workers × 4 threads, DEBUG off) on 127.0.0.1:{port}; "
            f"client: {args.concurrency} httpx keep-alive threads × {args.seconds:.0f}s each; "
            f"body {len(first.content)} bytes"
        )
        scenarios = {
            "poll (ours)": (poll_url, auth),
            "naive ModelSerializer": (f"{base}/bench/naive/?status=offered", auth),
            "static JsonResponse": (f"{base}/bench/static/", {}),
            "idle poll (304)": (poll_url, {**auth, "If-None-Match": etag}),
        }
        results = {}
        for name, (url, headers) in scenarios.items():
            load(url, headers, 2, args.concurrency)  # warm up threads and connections
            results[name] = load(url, headers, args.seconds, args.concurrency)
        print(f"\n{'endpoint':<24}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'requests':>10}  codes")
        for name, r in results.items():
            print(
                f"{name:<24}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p99']:>9.1f}{r['n']:>10}  "
                f"{r['codes']}"
            )
        ours, naive = results["poll (ours)"], results["naive ModelSerializer"]
        static, idle = results["static JsonResponse"], results["idle poll (304)"]
        print("\ntargets:")
        print(f"  poll / naive req/s    {ours['rps'] / naive['rps']:.2f}×  (target ≥ 3×)")
        print(f"  poll / static req/s   {ours['rps'] / static['rps']:.2f}×  (target ≥ 0.5×)")
        print(f"  poll p99 / naive p99  {ours['p99'] / naive['p99']:.2f}   (target ≤ 0.5)")
        print(
            f"  304 vs full poll      {idle['rps'] / ours['rps']:.2f}× req/s, "
            f"p50 {ours['p50'] / idle['p50']:.2f}× lower  (target ≥ 5× cheaper)"
        )
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        from django.db import connections

        connections.close_all()
        admin_sql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        os.unlink(static_file.name)


if __name__ == "__main__":
    main()
