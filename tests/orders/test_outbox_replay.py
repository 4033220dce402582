"""An operator replays the outbox after a broker outage: open messages go now, and a
chosen processed one is reopened and sent again."""

from __future__ import annotations

import io

import pytest
import redis
from django.conf import settings
from django.core.management import call_command

from orders.models import OutboxMessage
from orders.services.outbox import outbox_mark_processed
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_queue():
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = settings.CELERY_TASK_DEFAULT_QUEUE
    client.delete(queue)
    yield lambda: client.llen(queue)
    client.delete(queue)


def test_replay_sends_open_messages_now_and_reopens_chosen_ones(tumbler, broker_queue):
    # Given two paid orders whose planning messages never reached the broker (the test's
    # transaction never commits), one of them since marked processed
    first = place(fill_cart(tumbler))
    second = place(fill_cart(tumbler))
    done = OutboxMessage.objects.get(payload__order_id=second.pk)
    outbox_mark_processed(message_ids=[done.pk])

    out = io.StringIO()
    call_command("outbox_replay", stdout=out)
    assert "sent 1 outbox message(s)" in out.getvalue() and broker_queue() == 1
    assert OutboxMessage.objects.get(payload__order_id=first.pk).attempts == 1

    call_command("outbox_replay", "--id", str(done.pk), stdout=out)
    assert broker_queue() == 2
    assert OutboxMessage.objects.get(pk=done.pk).processed_at is None
