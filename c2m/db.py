"""Row locking and status-machine helpers shared by every app.

Rows are always locked in primary-key order so two transactions that lock the same set can
never deadlock; queue-like claims skip rows another worker already holds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import TypeVar

from django.db import models

from c2m.errors import Conflict

M = TypeVar("M", bound=models.Model)


def lock_one(queryset: models.QuerySet[M] | models.Manager[M], **lookup: object) -> M:
    """Return the row matching ``lookup``, locked until the transaction ends.

    Raises the model's ``DoesNotExist`` when nothing matches.
    """
    return queryset.select_for_update().get(**lookup)


def lock_key(namespace: int, key: int) -> None:
    """Hold a transaction-scoped PostgreSQL advisory lock on (``namespace``, ``key``) until
    the transaction ends: serializes work about one thing that has no row of its own to
    lock here (such as an order, seen from production). Take it after any row locks.

    On SQLite (the demo's zero-setup database) it does nothing: SQLite lets one writer in
    at a time, which serializes these transactions already."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [namespace, key])


@contextmanager
def session_lock(name: str) -> Iterator[None]:
    """Hold a session-level PostgreSQL advisory lock on ``name`` for the block, inside no
    transaction: serializes requests about one thing whose work must not run in a
    transaction (a payment provider's call), while holding no row. On SQLite nothing."""
    from django.db import connection

    if connection.vendor != "postgresql":
        yield
        return
    key = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [key])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def lock_many(queryset: models.QuerySet[M] | models.Manager[M], pks: Iterable[int]) -> list[M]:
    """Return the rows with these primary keys, locked in primary-key order."""
    return list(queryset.select_for_update().filter(pk__in=sorted(set(pks))).order_by("pk"))


def claim_batch(queryset: models.QuerySet[M], limit: int) -> list[M]:
    """Lock up to ``limit`` rows of a queue, skipping rows other workers hold."""
    return list(queryset.select_for_update(skip_locked=True).order_by("pk")[:limit])


def check_transition(
    transitions: Mapping[str, frozenset[str]], current: str, target: str, *, what: str
) -> None:
    """Refuse a move the transition table does not list, naming the allowed next steps.

    Raises ``Conflict`` (409) with ``allowed`` in the error body.
    """
    allowed = transitions.get(current, frozenset())
    if target not in allowed:
        raise Conflict(
            f"A {what} that is {current} cannot become {target}.",
            code="invalid_transition",
            extra={"current_status": current, "allowed": sorted(allowed)},
        )
