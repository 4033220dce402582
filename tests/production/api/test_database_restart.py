"""PostgreSQL restarted and its connections killed while plants accept and report work and
shoppers check out (property 6 of RELIABILITY.md).

Runs the production topology on loopback: gunicorn (gthread, persistent database
connections), a Celery worker and beat, against a PostgreSQL cluster of the test's own (the
machine's shared server is never touched). The plants are the reference agent
(``demo.agent``) over HTTP, the shoppers ``demo.shopper``. While they work, the cluster is
restarted with ``-m immediate``, every connection is killed with ``pg_terminate_backend``,
and the cluster is stopped for two seconds and started again.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import psycopg
import pytest
from django.conf import settings

from demo.agent import FactoryAgent
from demo.live_stack import LiveStack, PostgresCluster, Recorder, integrity_report, wait_until
from demo.shopper import TUMBLER, storefront_checkout

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

DATABASE = "c2m_live"
# What each shipped work order's history must be, once each: nothing half-claimed.
WORK_ORDER_EVENTS = ["planned", "offered", "accepted", "started", "qc_passed", "shipped"]


@pytest.fixture
def cluster() -> Iterator[PostgresCluster]:
    server = PostgresCluster()
    server.init()
    server.start()
    yield server
    server.destroy()


@pytest.fixture
def stack(cluster, tmp_path) -> Iterator[LiveStack]:
    live = LiveStack(
        env={
            "DJANGO_SETTINGS_MODULE": "c2m.settings.test",
            "DATABASE_URL": cluster.create_database(DATABASE),
            "REDIS_URL": settings.CELERY_BROKER_URL,
            "MEDIA_ROOT": str(tmp_path / "media"),
            # The shoppers and their retries all check out from 127.0.0.1.
            "RATE_CHECKOUT": "100000/h",
        },
        log_dir=tmp_path / "stack",
    )
    yield live
    live.stop()


def _faults(cluster: PostgresCluster, log: list[str]) -> None:
    time.sleep(1)
    cluster.restart_immediately()
    log.append("restart -m immediate")
    time.sleep(1.5)
    killed, until = 0, time.monotonic() + 10
    while not killed and time.monotonic() < until:  # once the processes have reconnected
        killed = cluster.terminate_connections(DATABASE)
        time.sleep(0.05)
    log.append(f"pg_terminate_backend x{killed}")
    time.sleep(1.5)
    cluster.stop("immediate")
    log.append("stop -m immediate")
    time.sleep(2)
    cluster.start()
    log.append("start")


def _plants_work(agents: list[FactoryAgent], stop: threading.Event) -> None:
    def work(agent: FactoryAgent) -> None:
        while not stop.is_set():
            agent.run_once()
            time.sleep(0.05)

    with ThreadPoolExecutor(len(agents)) as pool:
        list(pool.map(work, agents))


def _all_shipped(database: str, orders: int) -> bool:
    rows = _rows(database, "SELECT status, count(*) FROM production_workorder GROUP BY 1")
    return dict(rows) == {"shipped": orders}


def _rows(url: str, query: str) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(query).fetchall()


def test_postgres_restarted_and_connections_killed_while_plants_work(cluster, stack, caplog):
    for quiet in ("httpx", "factory_agent"):  # one line per request otherwise
        caplog.set_level(logging.WARNING, logger=quiet)
    keys = stack.prepare()
    web = stack.start_web(workers=2, threads=4)
    stack.start_worker()
    stack.start_beat()
    processes = stack.pids()
    recorder = Recorder()
    database = stack.env["DATABASE_URL"]

    # Given six orders already offered to the plants
    def checkout(name: str) -> str:
        with recorder.client(web, follow_redirects=False) as client:
            return storefront_checkout(
                client, sku="TUMBLER-ENGRAVED", design=TUMBLER, engraving=name
            )

    orders = [checkout(name) for name in ("ANNA", "BORIS", "CHEN", "DANA", "EMIL", "FANG")]
    wait_until(
        lambda: (
            _rows(database, "SELECT count(*) FROM production_workorder WHERE status = 'offered'")
            == [(6,)]
        ),
        timeout=60,
        what="six work orders offered",
    )
    agents = [
        FactoryAgent(
            api_url=f"{web}/api/factory/v1/",
            key=key,
            name=code,
            qc_failure_rate=0,
            max_retries=20,
            client=recorder.client(
                f"{web}/api/factory/v1/", headers={"Authorization": f"Api-Key {key}"}
            ),
        )
        for code, key in keys.items()
    ]

    # When the plants work them and shoppers check out while PostgreSQL restarts, loses
    # every connection, and is down for two seconds
    stop_plants = threading.Event()
    plants = threading.Thread(target=_plants_work, args=(agents, stop_plants), daemon=True)
    plants.start()
    fault_log: list[str] = []
    try:
        faults = threading.Thread(target=_faults, args=(cluster, fault_log))
        faults.start()
        with ThreadPoolExecutor(2) as shoppers:
            names = ["GRETA", "HANS", "IRIS", "JING", "KARL", "LENA", "MIRA", "NILS"]
            orders += list(shoppers.map(checkout, names))
        faults.join()
        assert len(fault_log) == 4 and fault_log[1] != "pg_terminate_backend x0", fault_log

        # Then every order is planned, offered, accepted and shipped once: the web servers,
        # the worker and beat carried on without a restart
        wait_until(lambda: _all_shipped(database, len(orders)), timeout=90, what="all shipped")
    finally:
        stop_plants.set()
        plants.join(timeout=60)
    assert stack.pids() == processes
    assert httpx.get(f"{web}/health/?format=json", timeout=10).status_code == 200

    # Every answer was a success, or a clean 503 (database unavailable) or 409 (someone
    # moved it on) that the client retried: never a 500, an HTML error or a dropped connection
    exchanges = list(recorder)
    outcomes = Counter(
        (e.status, e.error_code() or e.content_type.split(";")[0]) for e in exchanges
    )
    refusals = {k: n for k, n in outcomes.items() if k[0] >= 400 or k[0] == 0}
    api_refusals = {(503, "database_unavailable"), (409, "invalid_transition")}
    page_refusals = {(503, "text/html")}
    assert set(refusals) <= api_refusals | page_refusals, outcomes
    assert refusals.get((503, "database_unavailable"), 0) > 0, "no fault reached a plant"
    assert sum(refusals.values()) < len(exchanges)
    # The figures docs/reliability.md reports (bin/load-run shows them: pytest -rP).
    print(f"faults: {fault_log}; {len(exchanges)} requests; answers: {dict(outcomes)}")

    # And the database holds exactly what the clients were told: one order per checkout,
    # one work order per line, each with its history once and one shipment
    report = integrity_report(database, orders)
    assert len(report) == 10 and not any(report.values()), report
    histories = _rows(
        database,
        "SELECT w.id, array_agg(e.type ORDER BY e.id), "
        "(SELECT count(*) FROM production_shipment s WHERE s.work_order_id = w.id) "
        "FROM production_workorder w JOIN production_workorderevent e ON e.work_order_id = w.id "
        "GROUP BY w.id",
    )
    assert len(histories) == len(orders)
    assert {(tuple(events), shipments) for _, events, shipments in histories} == {
        (tuple(WORK_ORDER_EVENTS), 1)
    }
    print(f"{len(orders)} orders, each shipped once; lost or duplicated: {report}")
