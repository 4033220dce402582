"""The planning pipeline through a real Redis and real worker processes.

What a broker may do to us (deliver twice, lose a message, die, be killed mid-task) must
never leave an order line with no work orders or with two sets.
"""

from __future__ import annotations

import os
import signal

import pytest
from django.conf import settings
from django.db.models import Count

from bench.paid_orders import demo_recipes_seed, paid_orders_create
from c2m.celery import app
from orders.models import OrderLine, OutboxMessage
from production.models import ProductionException, ProductionExceptionKind, WorkOrder
from tests.conftest import wait_for
from tests.factories import demo_product, place_order
from tests.production.planning.conftest import relay_until, sender

pytestmark = pytest.mark.django_db(transaction=True)

BLACK_TEE = {"colour": "#111111", "artwork_front": {"artwork_id": "art_8f3a"}}


def open_messages() -> int:
    return OutboxMessage.objects.filter(processed_at__isnull=True).count()


def every_line_has_exactly_one_work_order() -> bool:
    per_line = dict(
        WorkOrder.objects.values_list("order_line_id").annotate(n=Count("pk")).order_by()
    )
    lines = list(OrderLine.objects.values_list("pk", flat=True))
    return (
        bool(lines) and all(per_line.get(pk) == 1 for pk in lines) and len(per_line) == len(lines)
    )


def test_one_message_delivered_three_times_at_once_plans_each_line_once(celery_worker_process):
    demo_recipes_seed()
    [message_id] = paid_orders_create(1, seed=21, max_lines=3)

    for _ in range(3):  # three deliveries, picked up by the worker's threads side by side
        app.send_task("production.plan_orders", args=[[message_id]])

    wait_for(lambda: not open_messages(), timeout=30)
    wait_for(
        lambda: (
            not app.connection().default_channel.client.llen(settings.CELERY_TASK_DEFAULT_QUEUE)
        ),
        timeout=30,
    )
    assert every_line_has_exactly_one_work_order()
    # Planning failed nowhere (routing these orders, with no plants here, breaks their
    # promises as it should: those exceptions are routing's, not planning's).
    assert not ProductionException.objects.filter(kind=ProductionExceptionKind.PLANNING).exists()


def test_the_relay_recovers_an_order_whose_enqueue_was_lost(celery_worker_process, monkeypatch):
    product = demo_product("TEE-PRINT")
    # The web process's broker is unreachable when the order commits: the on-commit send
    # fails (and is logged), the outbox row stays.
    monkeypatch.setattr(
        "orders.services.outbox.app",
        sender("redis://127.0.0.1:1/0", settings.CELERY_TASK_DEFAULT_QUEUE),
    )
    order = place_order(product, {**BLACK_TEE, "size": "L"}, quantity=2)
    assert open_messages() == 1
    monkeypatch.undo()

    relay_until(lambda: WorkOrder.objects.filter(order_id=order.pk).exists(), timeout=60)

    work_order = WorkOrder.objects.get(order_id=order.pk)
    assert work_order.quantity == 2
    assert open_messages() == 0


def test_redis_stopped_between_commit_and_enqueue_then_restarted(
    private_redis, start_worker, monkeypatch
):
    queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-outage"
    start_worker(broker_url=private_redis.url, queue=queue, name="outage")
    monkeypatch.setattr("orders.services.outbox.app", sender(private_redis.url, queue))
    product = demo_product("TEE-PRINT")

    private_redis.stop()
    order = place_order(product, {**BLACK_TEE, "size": "M", "colour": "#FFFFFF"})
    assert open_messages() == 1
    private_redis.start()  # empty: whatever it held is gone too

    relay_until(lambda: WorkOrder.objects.filter(order_id=order.pk).exists(), timeout=90)
    assert every_line_has_exactly_one_work_order()


def test_kill_9_of_a_worker_mid_planning_then_restart_plans_every_line_once(
    private_redis, start_worker, monkeypatch
):
    queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-kill"
    client = sender(private_redis.url, queue)
    monkeypatch.setattr("orders.services.outbox.app", client)
    demo_recipes_seed()
    message_ids = paid_orders_create(200, seed=22)
    worker = start_worker(broker_url=private_redis.url, queue=queue, name="doomed")

    for start in range(0, 200, 5):  # small batches, so the kill lands mid-run
        client.send_task("production.plan_orders", args=[message_ids[start : start + 5]])
    wait_for(lambda: open_messages() <= 185, timeout=60, every=0.02)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    assert open_messages() > 0, "the kill came too late to test anything"

    start_worker(broker_url=private_redis.url, queue=queue, name="phoenix")
    relay_until(lambda: not open_messages(), timeout=120)

    assert every_line_has_exactly_one_work_order()
    assert WorkOrder.objects.count() == OrderLine.objects.count()
    # Planning failed nowhere (routing these orders, with no plants here, breaks their
    # promises as it should: those exceptions are routing's, not planning's).
    assert not ProductionException.objects.filter(kind=ProductionExceptionKind.PLANNING).exists()
