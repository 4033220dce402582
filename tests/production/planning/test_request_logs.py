"""Log lines name the web request they belong to: the checkout that placed an order, in the
worker that plans it, through the outbox; a relayed batch names every request in it."""

from __future__ import annotations

import json
import os

import pytest
from django.conf import settings

from demo.paid_orders import demo_recipes_seed
from orders.models import Order
from production.models import WorkOrder
from tests.conftest import ROOT, wait_for
from tests.factories import PlantFactory, demo_product
from tests.orders.test_pages import add_to_cart, checkout_form
from tests.production.planning.conftest import relay_until, sender

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tumbler(transactional_db):
    """The engravable tumbler and a plant that makes it (checkout refuses what none can)."""
    PlantFactory(code="sz-engrave", city="Shenzhen")
    return demo_product("TUMBLER-ENGRAVED")


@pytest.fixture
def json_logs(monkeypatch):
    """The worker started after this writes JSON lines, as in production."""
    monkeypatch.setenv("LOG_FORMAT", "json")


def worker_log_lines() -> list[dict]:
    lines = (ROOT / "var" / f"test-worker-{os.getpid()}.log").read_text().splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


def planned_lines(**fields) -> list[dict]:
    return [
        line
        for line in worker_log_lines()
        if line["event"].startswith("planned ") and fields.items() <= line.items()
    ]


def checkout(client, product, request_id: str):
    add_to_cart(client, product)
    response = client.post("/checkout/", checkout_form(client), HTTP_X_REQUEST_ID=request_id)
    assert response.status_code == 302 and response["X-Request-ID"] == request_id
    return Order.objects.latest("pk")


def test_the_checkouts_request_id_is_on_the_workers_planning_line(
    json_logs,
    celery_worker_process,
    client,
    tumbler,
):
    demo_recipes_seed()

    order = checkout(client, tumbler, "checkout-5d1f0c2a")

    wait_for(lambda: WorkOrder.objects.filter(order_id=order.pk).exists())
    [line] = wait_for(lambda: planned_lines(request_id="checkout-5d1f0c2a"))
    assert order.number in line["event"]
    assert line["task"] == "production.plan_orders" and line["level"] == "info"


def test_a_relayed_batch_names_the_request_of_each_of_its_orders(
    json_logs,
    celery_worker_process,
    client,
    tumbler,
    monkeypatch,
):
    demo_recipes_seed()
    # The broker is unreachable while two shoppers check out: both messages wait in the outbox
    monkeypatch.setattr(
        "c2m.scheduling.current_app",
        sender("redis://127.0.0.1:1/0", settings.CELERY_TASK_DEFAULT_QUEUE),
    )
    first = checkout(client, tumbler, "first-shopper-1")
    client.cookies.clear()
    second = checkout(client, tumbler, "second-shopper-2")
    monkeypatch.undo()

    relay_until(lambda: WorkOrder.objects.filter(order_id__in=[first.pk, second.pk]).count() == 2)

    [line] = wait_for(lambda: planned_lines())
    assert line["request_ids"] == ["first-shopper-1", "second-shopper-2"]
    assert first.number in line["event"] and second.number in line["event"]
