"""A whole C2M Bridge on this machine, for the fault tests and the load run.

``LiveStack`` migrates and seeds a database, then runs the production topology on loopback:
gunicorn web servers (gthread, as README's production command), Celery workers and one beat,
all as child processes with their own queue. ``PostgresCluster`` is a throwaway PostgreSQL
(``initdb`` into a temporary directory, its own port) that a test may restart or stop at
will: the machine's shared PostgreSQL is never touched. ``RecordingTransport`` times and
records every HTTP exchange of a load client, by operation.

Nothing here imports Django: the stack's processes are configured by their environment.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition: Callable[[], object], *, timeout: float, what: str) -> object:
    """Poll ``condition`` every 0.1 s until it returns something truthy; else TimeoutError."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    raise TimeoutError(f"{what}: not within {timeout:g} s")


# --- a throwaway PostgreSQL ---------------------------------------------------------------


def _postgres_bin() -> Path:
    """The newest PostgreSQL server binaries installed (Debian: /usr/lib/postgresql/N/bin)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parent.parent.name)
    )
    if not found:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return found[-1].parent


class PostgresCluster:
    """A PostgreSQL cluster of its own in a temporary directory, on a free loopback port.

    initdb refuses to run as root: as root, the cluster belongs to the ``postgres`` system
    user and its commands run through ``runuser``. ``fsync`` is off unless asked for: a crash
    of the machine may then lose it, a crash of the server (``-m immediate``) may not.
    """

    def __init__(self) -> None:
        self.bin = _postgres_bin()
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="c2m-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, user="postgres")

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *command: str) -> None:
        subprocess.run([*self.as_user, *command], check=True, capture_output=True)

    def _ctl(self, *args: str) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), *args)

    def init(self) -> None:
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--no-sync", "--locale=C.UTF-8",
        )  # fmt: skip

    def start(self, *, durable: bool = False) -> None:
        """Start the server; ``durable`` keeps ``fsync`` on, as a production server runs."""
        options = (
            f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 "
            f"-c fsync={'on' if durable else 'off'} -c max_connections=200 -c shared_buffers=64MB"
        )
        self._ctl("-w", "-t", "60", "-o", options, "start")

    def restart_immediately(self) -> None:
        """``pg_ctl restart -m immediate``: every backend dies at once, no checkpoint; the
        server recovers from its WAL as after a crash."""
        self._ctl("-w", "-t", "60", "-m", "immediate", "restart")

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-w", "-t", "60", "-m", mode, "stop")

    def terminate_connections(self, database: str) -> int:
        """Kill every backend connected to ``database`` (``pg_terminate_backend``); how many."""
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            rows = conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [database],
            ).fetchall()
        return sum(1 for (killed,) in rows if killed)

    def create_database(self, name: str) -> str:
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # not running
            self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)


# --- the application's processes ----------------------------------------------------------


@dataclass
class LiveStack:
    """Web servers, workers and beat of one database and one broker queue, on loopback.

    ``env`` holds what every process reads: ``DJANGO_SETTINGS_MODULE``, ``DATABASE_URL``,
    ``REDIS_URL``; the stack adds its own ``CELERY_QUEUE`` and persistent database
    connections (``CONN_MAX_AGE``), as production runs.
    """

    env: dict[str, str]
    log_dir: Path
    queue: str = field(default_factory=lambda: f"c2m-live-{os.getpid()}-{time.time_ns()}")
    processes: list[subprocess.Popen] = field(default_factory=list)
    web_urls: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.env = {
            **os.environ,
            "CONN_MAX_AGE": "60",
            **self.env,
            "CELERY_QUEUE": self.queue,
            "PYTHONUNBUFFERED": "1",
        }

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def prepare(self) -> dict[str, str]:
        """Migrate and seed the demo network; return each plant's API key by plant code."""
        self.manage("migrate", "--noinput", "-v", "0")
        keys_file = self.log_dir / "factory-keys.json"
        self.manage("seed_demo", "--keys-file", str(keys_file))
        return json.loads(keys_file.read_text())

    def _spawn(self, name: str, command: list[str], ready: str, timeout: float = 60) -> Path:
        log_path = self.log_dir / f"{name}.log"
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a stop signals its whole process group
            )
        self.processes.append(process)

        def started() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited:\n{log_path.read_text()[-3000:]}")
            return ready in log_path.read_text()

        wait_until(started, timeout=timeout, what=f"{name} ready")
        return log_path

    def start_web(self, *, workers: int = 2, threads: int = 4) -> str:
        """A gunicorn server as README's production command runs it; its base URL."""
        port = free_port()
        name = f"web-{len(self.web_urls) + 1}"
        command = [
            sys.executable, "-m", "gunicorn", "c2m.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
            "--worker-class", "gthread", "--keep-alive", "30", "--worker-tmp-dir", "/dev/shm",
            "--graceful-timeout", "5",
        ]  # fmt: skip
        self._spawn(name, command, "Booting worker with pid")
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: _answers(url), timeout=60, what=f"{name} answering")
        self.web_urls.append(url)
        return url

    def start_worker(self, *, name: str = "worker", concurrency: int = 4) -> subprocess.Popen:
        """A Celery worker on the stack's queue (thread pool, as ``bin/Procfile.demo``)."""
        command = [
            sys.executable, "-m", "celery", "-A", "c2m", "worker", "-Q", self.queue,
            "-n", f"{name}-{self.queue}@%h", "--pool=threads", f"--concurrency={concurrency}",
            "--without-gossip", "--without-mingle", "-l", "info",
        ]  # fmt: skip
        self._spawn(name, command, " ready.")
        return self.processes[-1]

    def start_beat(self) -> subprocess.Popen:
        """The one beat: the outbox relay every 5 s and the other periodic tasks."""
        schedule = self.log_dir / "celerybeat-schedule"
        command = [
            sys.executable, "-m", "celery", "-A", "c2m", "beat", "-s", str(schedule),
            "-l", "info",
        ]  # fmt: skip
        self._spawn("beat", command, "beat: Starting")
        return self.processes[-1]

    def pids(self) -> dict[int, list[int]]:
        """Each process still running, with its children (gunicorn's workers): a process
        replaced after a fault shows up as a changed list."""
        alive: dict[int, list[int]] = {}
        for process in self.processes:
            if process.poll() is None:
                alive[process.pid] = sorted(_children(process.pid))
        return alive

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/health/live/", timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found += [int(p) for p in handle.read().split()]
    except FileNotFoundError:
        pass
    return found


# --- what a load client saw ---------------------------------------------------------------

# (method, path pattern, operation): the first that matches names an exchange.
OPERATIONS = [
    ("GET", r"/products/[^/]+/$", "product page"),
    ("POST", r"/products/[^/]+/$", "add to cart"),
    ("GET", r"/checkout/$", "checkout page"),
    ("POST", r"/checkout/$", "checkout"),
    ("GET", r"/orders/[^/]+/$", "order page"),
    ("GET", r"/api/factory/v1/work-orders/$", "factory poll"),
    ("POST", r"/api/factory/v1/work-orders/\d+/accept/$", "accept"),
    ("POST", r"/api/factory/v1/work-orders/\d+/events/$", "event"),
]


def operation_of(method: str, path: str) -> str:
    for op_method, pattern, name in OPERATIONS:
        if method == op_method and re.search(pattern, path):
            return name
    return f"{method} {path}"


@dataclass(frozen=True)
class Exchange:
    operation: str
    status: int  # 0: no answer (connection refused, reset, timed out)
    seconds: float
    content_type: str
    body: bytes
    error: str = ""

    def error_code(self) -> str | None:
        """The ``code`` of a structured JSON error body, else None."""
        if not self.content_type.startswith("application/json"):
            return None
        try:
            body = json.loads(self.body)
        except ValueError:
            return None
        if isinstance(body, dict) and {"code", "detail", "errors"} <= body.keys():
            return str(body["code"])
        return None


class RecordingTransport(httpx.HTTPTransport):
    """An httpx transport that records every exchange (bodies of error answers only)."""

    def __init__(self, exchanges: list[Exchange], lock: threading.Lock, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.exchanges = exchanges
        self.lock = lock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        operation = operation_of(request.method, request.url.path)
        started = time.perf_counter()
        try:
            response = super().handle_request(request)
            body = response.read()
        except httpx.TransportError as error:
            self._record(
                Exchange(operation, 0, time.perf_counter() - started, "", b"", repr(error))
            )
            raise
        content_type = response.headers.get("Content-Type", "")
        kept = body if response.status_code >= 400 else b""
        seconds = time.perf_counter() - started
        self._record(Exchange(operation, response.status_code, seconds, content_type, kept))
        return response

    def _record(self, exchange: Exchange) -> None:
        with self.lock:
            self.exchanges.append(exchange)


@dataclass
class Recorder:
    """Every exchange of every client it made, shared across threads."""

    exchanges: list[Exchange] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def client(self, base_url: str, **kwargs: object) -> httpx.Client:
        transport = RecordingTransport(self.exchanges, self.lock)
        return httpx.Client(base_url=base_url, transport=transport, timeout=30, **kwargs)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[Exchange]:
        with self.lock:
            return iter(list(self.exchanges))


# --- what the database holds afterwards -------------------------------------------------

# Each count must be zero after a run. Work-order events that happen once per work order.
ONCE_PER_WORK_ORDER = ("accepted", "started", "qc_passed", "shipped")
INTEGRITY_CHECKS = {
    "order lines without a work order": """
        SELECT count(*) FROM orders_orderline l
        WHERE NOT EXISTS (SELECT 1 FROM production_workorder w WHERE w.order_line_id = l.id)""",
    "duplicated work orders (line, part)": """
        SELECT count(*) FROM (SELECT 1 FROM production_workorder
                              GROUP BY order_line_id, part HAVING count(*) > 1) d""",
    "work orders with a step recorded twice": """
        SELECT count(DISTINCT work_order_id) FROM (
            SELECT work_order_id FROM production_workorderevent WHERE type = ANY(%(once)s)
            GROUP BY work_order_id, type HAVING count(*) > 1) d""",
    "work orders whose status is not their last step": """
        SELECT count(*) FROM production_workorder w
        WHERE w.status <> (SELECT e.to_status FROM production_workorderevent e
                           WHERE e.work_order_id = w.id ORDER BY e.id DESC LIMIT 1)""",
    "duplicated shipments": """
        SELECT count(*) FROM (SELECT 1 FROM production_shipment
                              GROUP BY work_order_id HAVING count(*) > 1) d""",
    "orders without exactly one captured payment": """
        SELECT count(*) FROM orders_order o
        WHERE (SELECT count(*) FROM orders_payment p
               WHERE p.order_id = o.id AND p.status = 'captured') <> 1""",
    "open outbox messages": "SELECT count(*) FROM orders_outboxmessage WHERE processed_at IS NULL",
}


def integrity_report(database_url: str, told: list[str]) -> dict[str, int]:
    """What is lost or duplicated: each check's count (all zero when nothing is), given the
    order numbers the shoppers were told."""
    with psycopg.connect(database_url) as conn:
        report = {
            name: conn.execute(query, {"once": list(ONCE_PER_WORK_ORDER)}).fetchone()[0]  # type: ignore[index]
            for name, query in INTEGRITY_CHECKS.items()
        }
        stored = [number for (number,) in conn.execute("SELECT number FROM orders_order")]
    report["orders a shopper was told of, missing"] = len(set(told) - set(stored))
    report["orders no shopper was told of"] = len(set(stored) - set(told))
    report["orders told twice"] = len(told) - len(set(told))
    return report
