"""A cursor for the few statements every poll runs: PostgreSQL plans each once per
connection and from then on only executes it.

Django's cursors bind parameters client-side, so PostgreSQL parses and plans every query
anew; for the poll's small queries that is a good part of their cost. This cursor binds
server-side, and psycopg prepares a statement once it has run ``prepare_threshold`` times
on the connection (``DATABASES["default"]["OPTIONS"]``, from ``DB_PREPARE_THRESHOLD``;
none behind a pooler that cannot keep prepared statements, such as PgBouncer's
transaction mode before 1.21). Elsewhere (SQLite) it is Django's cursor.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorWrapper


@contextmanager
def prepared_cursor() -> Iterator[CursorWrapper]:
    """Like ``connection.cursor()`` (health check, error translation, query log), with
    server-side binding on PostgreSQL (psycopg 3)."""
    db = connections[DEFAULT_DB_ALIAS]  # once: each ``connection.x`` looks it up again
    if db.vendor != "postgresql" or not hasattr(db.Database, "Cursor"):
        with db.cursor() as cursor:
            yield cursor
        return
    db.close_if_health_check_failed()
    db.ensure_connection()
    db.validate_thread_sharing()
    with db.wrap_database_errors:
        raw = db.Database.Cursor(db.connection)
    with (db.make_debug_cursor if db.queries_logged else db.make_cursor)(raw) as cursor:
        yield cursor
