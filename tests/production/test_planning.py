"""Planning turns each paid order line into exactly one work order, however often asked."""

import threading

import pytest
from django.db import connection

from orders.models import OutboxMessage
from orders.services import outbox
from production.models import WorkOrder
from production.services.planning import orders_plan
from tests.factories import demo_product, place_order

pytestmark = pytest.mark.django_db


def test_the_same_planning_message_three_times_makes_one_work_order_per_line(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks():
        order = place_order(demo_product(), {"size": "M", "colour": "white"}, quantity=3)
    message = OutboxMessage.objects.get(payload__order_id=order.pk)

    first = orders_plan(message_ids=[message.pk])
    again = [orders_plan(message_ids=[message.pk]) for _ in range(2)]

    assert len(first) == 1 and again == [[], []]
    work_order = WorkOrder.objects.get(order_id=order.pk)
    assert work_order.quantity == 3
    assert work_order.status == "pending"
    assert work_order.required_capabilities == ["dtg_print", "pack", "qc"]
    message.refresh_from_db()
    assert message.processed_at is not None


def test_a_work_order_keeps_its_snapshot_when_the_catalog_changes_later():
    product = demo_product()
    order = place_order(product, {"size": "XXL", "colour": "black"})
    orders_plan(message_ids=[OutboxMessage.objects.get().pk])

    product.definition = {"options": []}
    product.save()

    work_order = WorkOrder.objects.get(order_id=order.pk)
    assert work_order.snapshot["configuration"] == {"size": "XXL", "colour": "black"}
    assert ["Size", "XXL"] in work_order.snapshot["configuration_summary"]


@pytest.mark.django_db(transaction=True)
def test_two_planners_racing_on_one_order_create_one_set_of_work_orders(monkeypatch):
    # The race is between these two planners: the session's Celery worker (started by the
    # e2e tests) must not plan the order first from the commit-time message.
    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)
    order = place_order(demo_product(), {"size": "S", "colour": "white"})
    message_id = OutboxMessage.objects.get().pk
    barrier = threading.Barrier(2)
    results: list[list[int]] = []

    def plan() -> None:
        barrier.wait()
        try:
            results.append(orders_plan(message_ids=[message_id]))
        finally:
            connection.close()

    threads = [threading.Thread(target=plan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(len(r) for r in results) == [0, 1]
    assert WorkOrder.objects.filter(order_id=order.pk).count() == 1
