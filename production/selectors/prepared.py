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

from django.db import connection
from django.db.backends.utils import CursorWrapper


@contextmanager
def prepared_cursor() -> Iterator[CursorWrapper]:
    """Like ``connection.cursor()`` (health check, error translation, query log), with
    server-side binding on PostgreSQL (psycopg 3)."""
    if connection.vendor != "postgresql" or not hasattr(connection.Database, "Cursor"):
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        raw = connection.Database.Cursor(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    with wrap(raw) as cursor:
        yield cursor
