"""Reliability property 2: a request that fails after it wrote the planning message leaves
nothing behind: no order, no outbox row, and no task on the broker."""

from __future__ import annotations

import json

import pytest
import redis
from django.conf import settings

from orders.models import Order, OrderEmail, OutboxMessage
from orders.services import checkout
from orders.services.payments.intents import PaymentUnconfirmed
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def broker_queue():
    """The tasks on this run's Celery queue on the real Redis, emptied before and after."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    client.delete(queue)
    yield lambda: sorted(json.loads(m)["headers"]["task"] for m in client.lrange(queue, 0, -1))
    client.delete(queue)


def test_a_paid_checkout_sends_one_planning_task_and_one_email(tumbler, broker_queue):
    place(fill_cart(tumbler))

    assert OutboxMessage.objects.count() == 1 and OrderEmail.objects.count() == 1
    assert broker_queue() == ["orders.send_emails", "production.plan_orders"]


def test_a_failure_after_the_outbox_write_leaves_no_order_row_or_task(
    tumbler, broker_queue, monkeypatch
):
    # Given the last step of checkout, after the order is paid and its planning message
    # written in the same transaction, fails
    def fails(**kwargs):
        raise RuntimeError("mail template broken")

    monkeypatch.setattr(checkout, "order_email_queue", fails)
    cart = fill_cart(tumbler)

    # (the shopper is told the payment is being confirmed: the charge is on record and the
    # reconciler writes the order, property 25)
    with pytest.raises(PaymentUnconfirmed):
        place(cart)

    assert not Order.objects.exists()
    assert not OutboxMessage.objects.exists() and not OrderEmail.objects.exists()
    assert broker_queue() == []
