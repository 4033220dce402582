"""Fixtures shared by the whole suite: real PostgreSQL, real Redis, a real Celery worker."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection
from django.db.models.signals import post_migrate

from tests.browser import browser, page  # noqa: F401 - fixtures for the browser tests

ROOT = Path(__file__).resolve().parent.parent
(ROOT / "var").mkdir(exist_ok=True)
# Under pytest-xdist each worker's Celery worker subprocesses store files apart, as their
# work orders (numbered in each worker's own database) would otherwise share names.
if "PYTEST_XDIST_WORKER" in os.environ and "MEDIA_ROOT" not in os.environ:
    os.environ["MEDIA_ROOT"] = str(ROOT / "var" / f"media-{os.environ['PYTEST_XDIST_WORKER']}")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--slow",
        action="store_true",
        help="also run the tests marked slow (minutes of faults under load; bin/load-run)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="slow: runs with --slow (bin/load-run)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


# Rows the data migrations seed (shop pages, emission factors, staff groups). A transactional
# test's flush empties every table; production never loses them, so they are put back after
# each flush, whichever test ran before (under pytest-xdist a worker's order is its own).
SEEDING_MIGRATIONS = [
    ("orders.migrations.0011_shop_page", "seed_pages"),
    ("production.migrations.0005_staff_groups", "create_groups"),
    ("production.migrations.0018_default_emission_factors", "load"),
]


def _reseed(sender, **kwargs) -> None:
    if sender.label != "production":  # post_migrate is sent once per app: seed once
        return
    for module, function in SEEDING_MIGRATIONS:
        # flush sends no ``apps``; migrate sends its historical ones.
        getattr(importlib.import_module(module), function)(kwargs.get("apps", django_apps), None)


post_migrate.connect(_reseed, dispatch_uid="tests.reseed_after_flush")


def wait_for(condition: Callable[[], object], timeout: float = 30, every: float = 0.1) -> object:
    """Poll ``condition`` until it returns something truthy; fail the test on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(every)
    pytest.fail(f"condition not met within {timeout}s")


@pytest.fixture
def smtp_port(monkeypatch) -> int:
    """A port no mail server listens on yet, and a worker sending there by SMTP."""
    from tests.mail import free_port

    port = free_port()
    monkeypatch.setenv("C2M_TEST_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    monkeypatch.setenv("EMAIL_HOST", "127.0.0.1")
    monkeypatch.setenv("EMAIL_PORT", str(port))
    monkeypatch.setenv("EMAIL_USE_TLS", "false")
    monkeypatch.setenv("EMAIL_TIMEOUT", "5")
    return port


@pytest.fixture
def celery_worker_process(transactional_db) -> Iterator[subprocess.Popen]:
    """A real ``celery worker`` process on the test database and this run's own queue.

    Started per test, on an emptied queue, so it never works on another test's messages
    and other tests never race against it.
    """
    db = connection.settings_dict
    url = f"postgres://{db['USER'] or 'postgres'}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "c2m.settings.test",
        "DATABASE_URL": url,
        "CELERY_QUEUE": queue,
        "CONN_MAX_AGE": "0",
    }
    log_path = ROOT / "var" / f"test-worker-{os.getpid()}.log"
    log = open(log_path, "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "c2m",
            "worker",
            "-Q",
            queue,
            # Its own node name: control commands (the health check's ping and inspect)
            # must reach this worker, not another run's worker on the same Redis.
            "-n",
            f"{queue}-{os.getpid()}@%h",
            "--pool=threads",
            "--concurrency=4",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "-l",
            "info",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete(queue)
    try:
        # A loaded machine may take long to start it; one that never gets ready is still
        # stopped, or it would plan the next tests' orders behind their backs.
        wait_for(lambda: "ready" in log_path.read_text(), timeout=90)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        client.delete(queue)
        log.close()


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Every test starts with an empty default cache: one test's failed sign-ins, order
    lookups or throttled requests (all from 127.0.0.1) never lock out another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def plant(db):
    from tests.factories import PlantFactory

    return PlantFactory()


@pytest.fixture
def factory_key(plant) -> str:
    from production.services.api_keys import api_key_create

    return api_key_create(factory=plant, name="erp")[1]
