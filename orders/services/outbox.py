"""The transactional outbox: messages written with the change that causes them.

``transaction.on_commit`` only makes delivery fast; the relay makes it certain, because a
crash or a Redis outage between commit and enqueue leaves the row behind to be sent again.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from c2m.db import claim_batch
from c2m.request_id import request_ids_current
from c2m.scheduling import task_enqueue
from orders.models import OutboxMessage

logger = logging.getLogger(__name__)

# How long the relay waits before sending a message again that nobody marked processed.
REDELIVERY_AFTER = timedelta(seconds=30)
RELAY_BATCH = 100


def outbox_enqueue(*, topic: str, payload: dict[str, Any]) -> OutboxMessage:
    """Write a message in the current transaction and send it once that commits."""
    if topic not in settings.C2M_OUTBOX_TASKS:
        raise ValueError(f"unknown outbox topic {topic!r}")
    message = OutboxMessage.objects.create(
        topic=topic,
        payload=payload,
        available_at=timezone.now() + REDELIVERY_AFTER,
        request_id=next(iter(request_ids_current()), ""),
    )
    transaction.on_commit(lambda: _send(topic, [message]))
    return message


def outbox_relay(*, limit: int = 1000) -> int:
    """Send every due, unprocessed message again; return how many were sent.

    Rows are claimed with SKIP LOCKED so relays running side by side never send the same
    batch twice, and pushed back by ``REDELIVERY_AFTER``.
    """
    now = timezone.now()
    with transaction.atomic():
        due = OutboxMessage.objects.filter(processed_at__isnull=True, available_at__lte=now)
        claimed = claim_batch(due, limit)
        OutboxMessage.objects.filter(pk__in=[m.pk for m in claimed]).update(
            attempts=F("attempts") + 1, available_at=now + REDELIVERY_AFTER
        )
    by_topic: dict[str, list[OutboxMessage]] = {}
    for message in claimed:
        by_topic.setdefault(message.topic, []).append(message)
    for topic, messages in by_topic.items():
        for start in range(0, len(messages), RELAY_BATCH):
            _send(topic, messages[start : start + RELAY_BATCH])
    return len(claimed)


def outbox_replay(*, message_ids: list[int] | None = None) -> int:
    """Send open messages now instead of at their next relay (an operator after a broker
    outage); with ``message_ids``, those messages only, reopening processed ones. Returns
    how many were sent. Consumers are idempotent, so a replay never plans twice."""
    open_messages = OutboxMessage.objects.filter(processed_at__isnull=True)
    if message_ids is not None:
        outbox_reopen(message_ids=message_ids)
        open_messages = open_messages.filter(pk__in=message_ids)
    open_messages.update(available_at=timezone.now())
    return outbox_relay()


def outbox_mark_processed(*, message_ids: list[int]) -> int:
    """Mark messages done; return how many were still open. Call inside the consumer's
    transaction so the work and the acknowledgment commit together."""
    return OutboxMessage.objects.filter(pk__in=message_ids, processed_at__isnull=True).update(
        processed_at=timezone.now()
    )


def outbox_reopen(*, message_ids: list[int]) -> int:
    """Open processed messages again (a staff retry), due for the relay now; return how
    many were reopened. The caller usually processes them straight away."""
    return OutboxMessage.objects.filter(pk__in=message_ids, processed_at__isnull=False).update(
        processed_at=None, available_at=timezone.now()
    )


def _send(topic: str, messages: list[OutboxMessage]) -> None:
    message_ids = [m.pk for m in messages]
    try:
        # Now: the message rows are committed (outbox_enqueue sends from on_commit).
        task_enqueue(
            settings.C2M_OUTBOX_TASKS[topic],
            args=[message_ids],
            after_commit=False,
            request_ids=[m.request_id for m in messages if m.request_id],
        )
    except Exception:  # the broker is down: the relay sends it again later
        logger.warning("outbox: could not enqueue %s %s; relay will retry", topic, message_ids)
