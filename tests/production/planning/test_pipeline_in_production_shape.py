"""Properties 1 and 3 as production runs them: the prefork pool, and beat's own relay.

Marked ``slow`` (minutes; ``bin/load-run`` runs them, ``.ci/run`` does not). Their figures
are in docs/reliability.md.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from django.conf import settings

from demo.paid_orders import demo_recipes_seed, paid_orders_create
from orders.services.outbox import REDELIVERY_AFTER
from production.models import WorkOrder
from tests.conftest import ROOT, wait_for
from tests.factories import demo_product, place_order
from tests.production.planning.conftest import relay_until, sender
from tests.production.planning.test_pipeline import (
    BLACK_TEE,
    every_line_has_exactly_one_work_order,
    open_messages,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.e2e, pytest.mark.slow]

ORDERS = 500
RELAY_EVERY = 5  # seconds: beat's "relay-outbox" schedule in c2m/celery.py


def pool_children(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children]


def test_kill_9_of_prefork_children_mid_planning_requeues_their_tasks_then_of_the_worker(
    private_redis, start_worker, monkeypatch
):
    queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-prefork"
    client = sender(private_redis.url, queue)
    monkeypatch.setattr("c2m.scheduling.current_app", client)
    demo_recipes_seed()
    message_ids = paid_orders_create(ORDERS, seed=25)
    worker = start_worker(
        broker_url=private_redis.url, queue=queue, name="prefork", pool="prefork", concurrency=2
    )
    for start in range(0, ORDERS, 5):
        client.send_task("production.plan_orders", args=[message_ids[start : start + 5]])

    # The pool's children die mid-task: the parent rejects their tasks back onto the queue
    # (task_reject_on_worker_lost) and forks new children, which plan them; no relay runs.
    wait_for(lambda: open_messages() <= ORDERS - 20, timeout=120, every=0.02)
    for child in pool_children(worker.pid):
        os.kill(child, signal.SIGKILL)
    wait_for(lambda: open_messages() <= ORDERS // 2, timeout=300)
    log = (ROOT / "var" / f"test-worker-{os.getpid()}-prefork.log").read_text()
    assert "WorkerLostError" in log, "no task was lost with its child: nothing was tested"

    # Then the whole worker dies with its children, and another one takes over.
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    assert open_messages() > 0, "the kill came too late to test anything"
    start_worker(
        broker_url=private_redis.url, queue=queue, name="phoenix", pool="prefork", concurrency=2
    )
    relay_until(lambda: not open_messages(), timeout=300)

    assert every_line_has_exactly_one_work_order()


def test_an_order_committed_while_redis_was_down_is_planned_within_the_relay_bound(
    private_redis, start_worker, start_beat, monkeypatch
):
    queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-bound"
    start_worker(broker_url=private_redis.url, queue=queue, name="bound")
    monkeypatch.setattr("c2m.scheduling.current_app", sender(private_redis.url, queue))
    product = demo_product("TEE-PRINT")

    private_redis.stop()
    order = place_order(product, {**BLACK_TEE, "size": "S"})
    assert open_messages() == 1
    private_redis.start()
    back = time.monotonic()
    start_beat(broker_url=private_redis.url, queue=queue)  # the relay every 5 s, as deployed

    bound = REDELIVERY_AFTER.total_seconds() + RELAY_EVERY
    wait_for(lambda: WorkOrder.objects.filter(order_id=order.pk).exists(), timeout=bound + 30)
    took = time.monotonic() - back
    print(f"property 3: planned {took:.1f} s after Redis came back (bound {bound:.0f} s + work)")
    assert took <= bound + 15
    assert every_line_has_exactly_one_work_order()
