"""Benchmark of the factory API's poll endpoint: req/s, latency and server cost per request.

    uv run python bench/factory_api_bench.py [--rows 100000] [--seconds 8] [--connections 8]
        [--client wrk|httpx] [--server gunicorn|granian] [--workers 3] [--threads 4]
        [--keep-db] [--no-callgrind]

How to run it: on a machine as quiet as you can get (``uptime``: the load average is
printed with the results; others' processes compress every req/s ratio), with PostgreSQL
on 127.0.0.1:5432 and ``apt-get install wrk valgrind``. The first run seeds for about a
minute, the callgrind counts take several minutes; run it two or three times and report
every run:

    uv run python bench/factory_api_bench.py --keep-db                 # first run: seeds
    uv run python bench/factory_api_bench.py --keep-db --no-callgrind  # again, ~1 minute

Environment: ``BENCH_PG`` (the PostgreSQL server, default
postgres://postgres@127.0.0.1:5432), ``BENCH_DB`` (the database name, default
c2m_factory_bench; give each concurrent run its own). The server runs ``bench.settings``:
the demo's settings on that database, DEBUG off, throttle lifted.

Creates its own PostgreSQL database (``BENCH_DB``, dropped at the end unless
``--keep-db``, which also reuses one left by an earlier ``--keep-db`` run), bulk-inserts
``--rows`` work orders across 20 factories (50 of them offered to the polled factory),
starts the HTTP server production runs (README: gunicorn, 3 gthread workers × 4 threads,
DEBUG off; ``--server granian`` for granian's WSGI workers, a dev dependency, to compare)
on loopback and drives it with ``wrk`` (Debian package ``wrk``; an httpx
thread pool when it is missing). Compared side by side, on the same server in the same run:

- poll:   GET /api/factory/v1/work-orders/?status=offered (50 rows)
- naive:  a DRF ModelSerializer ListAPIView over the same query, same auth (bench URLconf)
- static: a response of the poll's bytes, no auth, no query (bench URLconf)
- 304:    the poll with If-None-Match of its ETag (an idle poll)

Three measures per endpoint:

- req/s and latency percentiles, as the load client sees them (it shares the cores);
- server CPU per request: the CPU time (utime + stime in /proc/<pid>/stat) that the
  server's processes and the PostgreSQL backends serving them spent during the run,
  divided by the requests served;
- with valgrind installed (Debian package ``valgrind``), thousands of instructions per
  request in the WSGI application alone (``c2m.wsgi.application``, Django's handler;
  in-process, no HTTP server, PostgreSQL not counted), counted by
  callgrind: a figure other processes on the machine cannot disturb.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB = os.environ.get("BENCH_DB", "c2m_factory_bench")
TICKS = os.sysconf("SC_CLK_TCK")


def admin_sql(statement: str) -> None:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def database_exists() -> bool:
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        return conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone()


def seed(rows: int) -> None:
    """Bulk-insert the work orders: 50 offered to factory bench-0, the rest elsewhere."""
    import django

    django.setup()
    from production.models import Factory, WorkOrder

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


def issue_key() -> str:
    """A fresh API key of the polled factory (a plain text key is never stored)."""
    import django

    django.setup()
    from production.models import Factory
    from production.services.api_keys import api_key_create

    return api_key_create(factory=Factory.objects.get(code="bench-0"), name="bench")[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- server CPU accounting ----------------------------------------------------------------


def cpu_ticks(pid: int) -> int:
    """utime + stime of one process (all its threads), in clock ticks; 0 once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rpartition(")")[2].split()
    except FileNotFoundError:
        return 0
    return int(fields[11]) + int(fields[12])


def children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as handle:
            found += [int(p) for p in handle.read().split()]
    return found


@dataclass
class ServerProcesses:
    """The server's main process and workers, and the PostgreSQL backends connected to DB."""

    master: int
    monitor: psycopg.Connection

    def app_pids(self) -> list[int]:
        return [self.master, *children(self.master)]

    def db_pids(self) -> list[int]:
        rows = self.monitor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [DB],
        ).fetchall()
        return [pid for (pid,) in rows]

    def snapshot(self) -> dict[str, dict[int, int]]:
        return {
            "app": {pid: cpu_ticks(pid) for pid in self.app_pids()},
            "db": {pid: cpu_ticks(pid) for pid in self.db_pids()},
        }

    def spent_ms(self, before: dict[str, dict[int, int]]) -> dict[str, float]:
        """CPU ms spent since ``before`` by the app processes and the database backends."""
        after = self.snapshot()
        return {
            side: sum(ticks - before[side].get(pid, 0) for pid, ticks in after[side].items())
            * 1000
            / TICKS
            for side in ("app", "db")
        }


# --- load clients -------------------------------------------------------------------------


def load_wrk(url: str, headers: dict, seconds: float, connections: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout

    def duration_ms(text: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
        return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    percentiles = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", out, re.MULTILINE))
    if "99" not in percentiles:
        raise RuntimeError(f"unexpected wrk output:\n{out}")
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)$", out, re.MULTILINE)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": duration_ms(percentiles["50"]),
        "p99": duration_ms(percentiles["99"]),
        "n": requests,
        "failed": (int(bad.group(1)) if bad else 0),
        "note": errors.group(1) if errors else "",
    }


def load_httpx(url: str, headers: dict, seconds: float, connections: int) -> dict:
    """Closed-loop load: ``connections`` keep-alive httpx clients, one thread each."""
    latencies: list[float] = []
    failed = 0
    lock = threading.Lock()
    clients = [httpx.Client(headers=headers, timeout=30) for _ in range(connections)]
    deadline = time.perf_counter() + seconds

    def worker(client: httpx.Client) -> None:
        nonlocal failed
        mine, my_failed = [], 0
        with client:
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                response = client.get(url)
                mine.append(time.perf_counter() - start)
                my_failed += response.status_code >= 400
        with lock:
            latencies.extend(mine)
            failed += my_failed

    threads = [threading.Thread(target=worker, args=(c,)) for c in clients]
    begin = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - begin
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies) * 1000,
        "p99": latencies[max(int(len(latencies) * 0.99) - 1, 0)] * 1000,
        "n": len(latencies),
        "failed": failed,
        "note": "",
    }


def measure(load, server: ServerProcesses, url: str, headers: dict, args) -> dict:
    load(url, headers, 2, args.connections)  # warm up: every thread holds its DB connection
    before = server.snapshot()
    result = load(url, headers, args.seconds, args.connections)
    spent = server.spent_ms(before)
    served = max(result["n"], 1)
    return {**result, "app_ms": spent["app"] / served, "db_ms": spent["db"] / served}


# --- instructions per request (callgrind) -------------------------------------------------


def instructions_per_request(url: str, headers: dict, env: dict, requests: int = 200) -> float:
    """Thousands of instructions one request costs in the WSGI application (in-process, no
    HTTP server).

    Runs this script as a WSGI client of ``c2m.wsgi.application`` under valgrind's
    callgrind, with instrumentation switched on only around the measured requests: a count
    the other processes on the machine do not disturb. PostgreSQL's share is not in it.
    """
    parts = urlsplit(url)
    meta = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()}
    job = json.dumps({"path": parts.path, "query": parts.query, "meta": meta, "n": requests})
    child = subprocess.Popen(
        [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--wsgi-child",
            job,
        ],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    for switch in ("on", "off"):
        assert child.stdout.readline().strip() == "ready", "the WSGI child failed"
        subprocess.run(["callgrind_control", "-i", switch, str(child.pid)], capture_output=True)
        child.stdin.write("go\n")
        child.stdin.flush()
    _, log = child.communicate(timeout=600)
    collected = re.findall(r"Collected : (\d+)", log)
    if child.returncode or not collected:
        raise RuntimeError(f"callgrind run failed:\n{log[-3000:]}")
    return int(collected[-1]) / requests / 1000


def wsgi_child(job: dict) -> None:
    """The callgrind subject: warm up, then ``n`` requests between two "ready" handshakes."""
    from c2m.wsgi import application

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": job["path"],
        "QUERY_STRING": job["query"],
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        **job["meta"],
    }

    def call() -> None:
        status = []
        body = application(
            {**environ, "wsgi.input": io.BytesIO()}, lambda s, h, e=None: status.append(s)
        )
        b"".join(body)
        assert status[0][:3] in ("200", "304"), status

    for _ in range(20):
        call()
    print("ready", flush=True)  # the parent switches instrumentation on
    sys.stdin.readline()
    for _ in range(job["n"]):
        call()
    print("ready", flush=True)  # and off again
    sys.stdin.readline()


def server_command(args, port: int) -> list[str]:
    """The command line of the HTTP server under test, serving ``c2m.wsgi:application``."""
    if args.server == "granian":
        return [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(args.workers),
            "--blocking-threads",
            str(args.threads),
            "--no-ws",
            "c2m.wsgi:application",
        ]
    # As README's production command runs it.
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "c2m.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--worker-class",
        "gthread",
        "--keep-alive",
        "30",
        # The workers' heartbeat is a file touched on every event; /tmp may be a disk.
        "--worker-tmp-dir",
        "/dev/shm",
    ]


def start_server(args, env: dict, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        server_command(args, port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def report(results: dict[str, dict], instructions: dict[str, float]) -> None:
    print(
        f"\n{'endpoint':<23}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'requests':>9}{'errors':>7}"
        f"  {'server CPU ms/request (app + db = total)':<41}{'k instr/req':>12}"
    )
    for name, r in results.items():
        cpu = f"{r['app_ms']:.3f} + {r['db_ms']:.3f} = {r['app_ms'] + r['db_ms']:.3f}"
        count = f"{instructions[name]:,.0f}" if name in instructions else "-"
        print(
            f"{name:<23}{r['rps']:>8.1f}{r['p50']:>8.2f}{r['p99']:>8.2f}{r['n']:>9}"
            f"{r['failed']:>7}  {cpu:<41}{count:>12} {r['note']}"
        )
    ours, naive = results["poll (ours)"], results["naive ModelSerializer"]
    static, idle = results["static same bytes"], results["idle poll (304)"]

    def cost(r: dict) -> float:
        return r["app_ms"] + r["db_ms"]

    print("\nload average {:.2f} {:.2f} {:.2f}\ntargets:".format(*os.getloadavg()))
    print(f"  poll / naive req/s      {ours['rps'] / naive['rps']:.2f}×  (target ≥ 3×)")
    print(f"  poll / static req/s     {ours['rps'] / static['rps']:.2f}×  (target ≥ 0.5×)")
    print(f"  poll p99 / naive p99    {ours['p99'] / naive['p99']:.2f}   (target ≤ 0.5)")
    print(
        f"  full poll / 304         {cost(ours) / cost(idle):.2f}× server CPU per request, "
        f"{idle['rps'] / ours['rps']:.2f}× req/s  (target: 304 ≥ 5× cheaper)"
    )
    above = (cost(ours) - cost(static)) / max(cost(idle) - cost(static), 1e-9)
    print(f"    the same above the static response's cost: {above:.2f}×")
    print(f"  naive / poll            {cost(naive) / cost(ours):.2f}× server CPU per request")
    if len(instructions) == len(results):
        print(
            f"  instructions (WSGI application only): naive / poll "
            f"{instructions['naive ModelSerializer'] / instructions['poll (ours)']:.2f}×, "
            f"poll / 304 {instructions['poll (ours)'] / instructions['idle poll (304)']:.2f}×"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--rows", type=int, default=100_000, help="work orders to seed (default 100,000)"
    )
    parser.add_argument(
        "--seconds", type=float, default=8, help="measured seconds per endpoint (default 8)"
    )
    parser.add_argument(
        "--connections", type=int, default=8, help="keep-alive client connections (default 8)"
    )
    parser.add_argument(
        "--client",
        choices=["wrk", "httpx"],
        default="wrk",
        help="load client (default wrk, httpx when wrk is not installed)",
    )
    parser.add_argument(
        "--server",
        choices=["gunicorn", "granian"],
        default="gunicorn",
        help="HTTP server (default gunicorn gthread, as README's production command)",
    )
    parser.add_argument("--workers", type=int, default=3, help="server workers (default 3)")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")
    parser.add_argument(
        "--keep-db",
        action="store_true",
        help="keep the seeded database for the next run, and reuse one left by an earlier run",
    )
    parser.add_argument(
        "--no-callgrind", action="store_true", help="skip the instruction counts (minutes)"
    )
    parser.add_argument("--wsgi-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.wsgi_child:
        wsgi_child(json.loads(args.wsgi_child))
        return
    client = args.client
    if client == "wrk" and shutil.which("wrk") is None:
        print("wrk not found (apt-get install wrk): falling back to the httpx client")
        client = "httpx"
    load = load_wrk if client == "wrk" else load_httpx
    callgrind = not args.no_callgrind and shutil.which("valgrind") is not None

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{PG}/{DB}",
    }
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")})
    reuse = args.keep_db and database_exists()
    if not reuse:
        admin_sql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        admin_sql(f"CREATE DATABASE {DB}")
    server = None
    static_file = tempfile.NamedTemporaryFile(suffix=".json", delete=False)  # noqa: SIM115
    try:
        if not reuse:
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
            )
            started = time.perf_counter()
            seed(args.rows)
            print(f"seeded {args.rows} work orders in {time.perf_counter() - started:.1f}s")
        key = issue_key()
        from django.db import connections

        connections.close_all()
        port = free_port()
        env["BENCH_STATIC_FILE"] = static_file.name
        server = start_server(args, env, port)
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
        idle = httpx.get(poll_url, headers={**auth, "If-None-Match": etag}, timeout=5)
        assert idle.status_code == 304, idle.status_code
        naive = httpx.get(f"{base}/bench/naive/?status=offered", headers=auth, timeout=5)
        assert [r["id"] for r in naive.json()] == [r["id"] for r in first.json()["results"]]
        processes = ServerProcesses(
            master=server.pid, monitor=psycopg.connect(f"{PG}/postgres", autocommit=True)
        )
        from django.conf import settings

        options = settings.DATABASES["default"]["OPTIONS"]
        print(
            "load average at start {:.2f} {:.2f} {:.2f}; database OPTIONS {}".format(
                *os.getloadavg(), options
            )
        )
        print(
            f"server: {args.server} ({args.workers} workers × {args.threads} threads, "
            f"DEBUG off) on 127.0.0.1:{port}; client: {client}, {args.connections} keep-alive "
            f"connections, {args.seconds:g} s per endpoint after 2 s of warm-up; "
            f"body {len(first.content)} bytes; {os.cpu_count()} cores"
        )
        scenarios = {
            "poll (ours)": (poll_url, auth),
            "naive ModelSerializer": (f"{base}/bench/naive/?status=offered", auth),
            "static same bytes": (f"{base}/bench/static/", {}),
            "idle poll (304)": (poll_url, {**auth, "If-None-Match": etag}),
        }
        results = {
            name: measure(load, processes, url, headers, args)
            for name, (url, headers) in scenarios.items()
        }
        processes.monitor.close()
        instructions = {}
        if callgrind:
            instructions = {
                name: instructions_per_request(url, headers, env)
                for name, (url, headers) in scenarios.items()
            }
        else:
            print("valgrind not found or --no-callgrind: no instruction counts")
        report(results, instructions)
    finally:
        if server is not None:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        from django.db import connections

        connections.close_all()
        if not args.keep_db:
            admin_sql(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
        os.unlink(static_file.name)


if __name__ == "__main__":
    main()
