"""Indexes the dashboard's set-based queries read, measured with bench/dashboard_bench.py.

- Events by type, then time, carrying the work order and the from-status: QC and shipment
  figures come from the index alone. Replaces (created_at, type), which made a query for
  one type walk every type's events of the period.
- Each work order's offers in id order: "was it offered before?" is one index probe.
- Offers and declines by the factory named in the event: one factory's routing figures.
- Reservations of a capacity day in id order, carrying what the idle-capacity window reads.

PostgreSQL only (the SQLite demo is small), built CONCURRENTLY so factories can keep
writing events while it runs; plain SQL, so the models' Meta stays as it is.
"""

from django.db import migrations

INDEXES = [
    (
        "wo_event_type_created_idx",
        "production_workorderevent (type, created_at) INCLUDE (work_order_id, from_status)",
    ),
    (
        "wo_event_offer_idx",
        "production_workorderevent (work_order_id, id) WHERE type = 'offered'",
    ),
    (
        "wo_event_routed_factory_idx",
        "production_workorderevent ((data -> 'factory'), created_at)"
        " WHERE type IN ('offered', 'declined')",
    ),
    (
        "reservation_day_order_idx",
        "production_capacityreservation (capacity_day_id, id)"
        " INCLUDE (released_at, created_at, work_order_id)",
    ),
]
REPLACED = ("wo_event_created_type_idx", "production_workorderevent (created_at, type)")


def _create(schema_editor, name: str, definition: str) -> None:
    schema_editor.execute(f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {definition}")


def _drop(schema_editor, name: str) -> None:
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


def forwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, definition in INDEXES:
        _create(schema_editor, name, definition)
    _drop(schema_editor, REPLACED[0])


def backwards(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    _create(schema_editor, *REPLACED)
    for name, _ in INDEXES:
        _drop(schema_editor, name)


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("production", "0010_production_files")]

    operations = [migrations.RunPython(forwards, backwards)]
