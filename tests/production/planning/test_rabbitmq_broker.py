"""RabbitMQ as the broker (``CELERY_BROKER_URL=amqp://…``): an order goes from the outbox
through RabbitMQ to a worker that plans it, and the health check asks RabbitMQ."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from health_check.views import HealthCheckView
from kombu import Connection

from c2m.health import broker_check
from orders.models import OutboxMessage
from production.models import WorkOrder
from tests.conftest import wait_for
from tests.factories import demo_product, place_order
from tests.production.planning.conftest import sender

pytestmark = pytest.mark.django_db(transaction=True)

# The RabbitMQ that bin/services makes sure runs on this machine.
AMQP_URL = "amqp://guest:guest@127.0.0.1:5672//"


@pytest.fixture
def rabbitmq_worker(monkeypatch, request) -> Iterator[None]:
    """A worker consuming only from RabbitMQ, and this process sending there too."""
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    monkeypatch.setenv("CELERY_BROKER_URL", AMQP_URL)
    request.getfixturevalue("celery_worker_process")
    monkeypatch.setattr("c2m.scheduling.current_app", sender(AMQP_URL, queue))
    yield
    with Connection(AMQP_URL) as connection:
        connection.default_channel.queue_delete(queue)


def test_an_order_is_planned_through_rabbitmq(rabbitmq_worker):
    order = place_order(
        demo_product("TEE-PRINT"),
        {"colour": "#111111", "artwork_front": {"artwork_id": "art_8f3a"}, "size": "L"},
        quantity=2,
    )

    # Nobody consumes Redis here: only the message sent through RabbitMQ can plan it.
    work_order = wait_for(lambda: WorkOrder.objects.filter(order_id=order.pk).first(), timeout=60)
    assert work_order.quantity == 2
    assert not OutboxMessage.objects.filter(processed_at__isnull=True).exists()


def broker_health(rf):
    view = HealthCheckView.as_view(checks=[broker_check()])  # an async view
    return async_to_sync(view)(rf.get("/health/", {"format": "json"}))


def test_the_health_check_opens_a_channel_on_rabbitmq(rf, settings):
    settings.CELERY_BROKER_URL = AMQP_URL
    up = broker_health(rf)
    settings.CELERY_BROKER_URL = "amqp://guest:guest@127.0.0.1:1//"  # nothing listens there
    down = broker_health(rf)

    assert up.status_code == 200 and down.status_code == 500
    assert b"RabbitMQ" in up.content and b"RabbitMQ" in down.content
