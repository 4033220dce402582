"""A private Redis and extra worker processes, for tests that stop or kill them.

The shared Redis on 6379 and the session worker are never stopped: these tests start their
own ``redis-server`` on a free port and their own ``celery worker`` processes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from celery import Celery
from django.db import connection
from django.utils import timezone

from orders.models import OutboxMessage
from orders.services.outbox import outbox_relay
from tests.conftest import ROOT, wait_for

REDIS_SERVER = ["redis-server", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
CELERY = [sys.executable, "-m", "celery", "-A", "c2m"]
WORKER_OPTIONS = ["--without-heartbeat", "--without-gossip", "--without-mingle"]


class RedisServer:
    def __init__(self, port: int) -> None:
        self.port = port
        self.url = f"redis://127.0.0.1:{port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [*REDIS_SERVER, "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        wait_for(lambda: _pings(client), timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def private_redis() -> Iterator[RedisServer]:
    server = RedisServer(_free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def start_celery() -> Iterator[Callable[..., subprocess.Popen]]:
    """Start ``celery`` processes (workers, beat) on the test database, each in its own
    process group; every process of each group is killed at the end."""
    started: list[subprocess.Popen] = []

    def start(*args: str, broker_url: str, queue: str, name: str, ready: str) -> subprocess.Popen:
        db = connection.settings_dict
        url = (
            f"postgres://{db['USER'] or 'postgres'}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
        )
        log_path = ROOT / "var" / f"test-worker-{os.getpid()}-{name}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "c2m.settings.test",
            "DATABASE_URL": url,
            "REDIS_URL": broker_url,
            "CELERY_QUEUE": queue,
            "CONN_MAX_AGE": "0",
        }
        with open(log_path, "w") as log:
            process = subprocess.Popen(
                [*CELERY, *args, "-l", "info"],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a prefork worker's children die with it at the end
            )
        started.append(process)
        wait_for(lambda: ready in Path(log_path).read_text(), timeout=60)
        return process

    yield start
    for process in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture
def start_worker(start_celery) -> Callable[..., subprocess.Popen]:
    """Start a ``celery worker`` on ``queue`` (the thread pool unless ``pool`` says)."""

    def start(
        *, broker_url: str, queue: str, name: str, pool: str = "threads", concurrency: int = 4
    ) -> subprocess.Popen:
        return start_celery(
            *("worker", f"--pool={pool}", f"--concurrency={concurrency}", *WORKER_OPTIONS),
            *("-Q", queue, "-n", f"{name}@%h"),
            broker_url=broker_url,
            queue=queue,
            name=name,
            ready=" ready.",
        )

    return start


@pytest.fixture
def start_beat(start_celery, tmp_path) -> Callable[..., subprocess.Popen]:
    """Start ``celery beat`` with the platform's schedule (c2m/celery.py)."""

    def start(*, broker_url: str, queue: str) -> subprocess.Popen:
        return start_celery(
            *("beat", "-s", str(tmp_path / "beat-schedule"), "--pidfile="),
            broker_url=broker_url,
            queue=queue,
            name="beat",
            ready="beat: Starting",
        )

    return start


def sender(broker_url: str, queue: str) -> Celery:
    """A Celery client app that fails fast when its broker is down, as a web process would."""
    app = Celery("sender", broker=broker_url, set_as_current=False)
    app.conf.update(
        task_default_queue=queue,
        task_publish_retry=False,
        broker_connection_retry=False,
        broker_connection_timeout=2,
        broker_transport_options={"visibility_timeout": 3600},
    )
    return app


def relay_until(condition: Callable[[], object], timeout: float = 60) -> object:
    """Run the outbox relay as beat would, every 2 s, with the redelivery delay already
    elapsed for every open message, until ``condition`` holds."""

    def attempt() -> object:
        OutboxMessage.objects.filter(processed_at__isnull=True).update(available_at=timezone.now())
        outbox_relay()
        return wait_for_quietly(condition, 2)

    return wait_for(attempt, timeout=timeout, every=0)


def wait_for_quietly(condition: Callable[[], object], seconds: float) -> object:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := condition():
            return result
        time.sleep(0.1)
    return None
