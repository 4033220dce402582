"""Long delays are refused as countdowns: Redis would deliver them twice."""

import pytest
import redis
from django.conf import settings

from c2m.celery import MAX_COUNTDOWN_SECONDS
from c2m.scheduling import task_schedule
from orders.tasks import relay_outbox


def test_a_countdown_longer_than_the_limit_is_refused_and_nothing_is_sent():
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-scheduling"  # no worker listens here

    with pytest.raises(ValueError, match="beat"):
        task_schedule(relay_outbox, countdown=MAX_COUNTDOWN_SECONDS + 1, queue=queue)
    with pytest.raises(ValueError):
        task_schedule(relay_outbox, countdown=-1, queue=queue)

    assert broker.llen(queue) == 0
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > MAX_COUNTDOWN_SECONDS


def test_a_short_countdown_is_sent():
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-scheduling"  # no worker listens here
    try:
        task_schedule(relay_outbox, countdown=5, queue=queue)
        assert broker.llen(queue) == 1
    finally:
        broker.delete(queue)
