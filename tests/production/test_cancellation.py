"""Cancelling an order's production: everything or nothing, never against an accept."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from c2m.errors import Conflict
from orders.models import Order, OutboxMessage
from orders.services import outbox
from orders.services.lifecycle import order_cancel
from production.models import WorkOrder
from production.services.cancellation import work_orders_cancel_for_order
from production.services.factory_actions import work_order_accept
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product, place_order


def _offered_order():
    order = place_order(demo_product(), {"finish": "brushed"})
    work_orders_route(work_order_ids=orders_plan(message_ids=[OutboxMessage.objects.get().pk]))
    return order, WorkOrder.objects.get(order_id=order.pk)


@pytest.mark.django_db
def test_an_order_without_work_orders_cancels_nothing_in_production():
    order = place_order(demo_product(), {"finish": "brushed"})
    assert work_orders_cancel_for_order(order_id=order.pk, actor="test") == []


@pytest.mark.django_db
def test_cancelling_twice_is_harmless(plant):
    order, work_order = _offered_order()
    assert work_orders_cancel_for_order(order_id=order.pk, actor="test") == [work_order.pk]
    assert work_orders_cancel_for_order(order_id=order.pk, actor="test") == []


@pytest.mark.django_db(transaction=True)
def test_a_cancel_racing_an_accept_lets_exactly_one_win(monkeypatch):
    # Planning is driven here; a session's Celery worker must not plan it behind our back.
    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)
    plant = PlantFactory()
    order, work_order = _offered_order()
    barrier = threading.Barrier(2)
    outcome: dict[str, object] = {}

    def run(name, action) -> None:
        barrier.wait()
        try:
            action()
            outcome[name] = "ok"
        except Conflict as error:
            outcome[name] = error.code
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=run,
            args=("cancel", lambda: order_cancel(order_id=order.pk, actor="customer")),
        ),
        threading.Thread(
            target=run,
            args=(
                "accept",
                lambda: work_order_accept(
                    factory=plant, work_order_id=work_order.pk, actor="factory"
                ),
            ),
        ),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    order = Order.objects.get(pk=order.pk)
    work_order.refresh_from_db()
    if outcome["cancel"] == "ok":
        assert outcome["accept"] == "invalid_transition"
        assert (order.status, work_order.status) == ("cancelled", "cancelled")
    else:
        assert outcome == {"accept": "ok", "cancel": "not_cancellable"} or outcome == {
            "accept": "ok",
            "cancel": "already_accepted",
        }
        assert (order.status, work_order.status) == ("in_production", "accepted")
