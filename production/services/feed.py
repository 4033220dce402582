"""The per-factory change feed: every work-order change, numbered in commit order."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from production.models import FactoryFeedEntry, FactoryFeedHead, WorkOrder

_NEXT_SEQ_SQL = f"""
    INSERT INTO {FactoryFeedHead._meta.db_table} (factory_id, last_seq) VALUES (%s, 1)
    ON CONFLICT (factory_id) DO UPDATE SET last_seq = {FactoryFeedHead._meta.db_table}.last_seq + 1
    RETURNING last_seq
"""
_HEAD_SQL = f"SELECT last_seq FROM {FactoryFeedHead._meta.db_table} WHERE factory_id = %s"


def factory_feed_append(
    *, work_order: WorkOrder, factory_ids: Iterable[int | None], event: str
) -> list[FactoryFeedEntry]:
    """Append the work order's new state to the feed of each of these factories.

    Must run inside the transaction that changed the work order. The upsert on the
    factory's feed head locks it until commit, so a later number is never committed before
    an earlier one: readers polling ``after=<seq>`` never miss an entry. Pushes the entry
    to the factory's webhook, if it registered one, in the same transaction.
    """
    from production.services.webhooks import webhook_enqueue

    entries = []
    for factory_id in sorted({f for f in factory_ids if f is not None}):
        with connection.cursor() as cursor:
            cursor.execute(_NEXT_SEQ_SQL, [factory_id])
            (seq,) = cursor.fetchone()
        entry = FactoryFeedEntry.objects.create(
            factory_id=factory_id,
            seq=seq,
            work_order=work_order,
            event=event,
            status=work_order.status,
            version=work_order.version,
        )
        webhook_enqueue(entry=entry)
        entries.append(entry)
    return entries


def factory_feed_head(*, factory_id: int) -> int:
    """The factory's latest sequence number (0 before its first change): one primary-key
    read, in SQL as the poll asks it on every request."""
    with connection.cursor() as cursor:
        cursor.execute(_HEAD_SQL, [factory_id])
        row = cursor.fetchone()
    return row[0] if row else 0
