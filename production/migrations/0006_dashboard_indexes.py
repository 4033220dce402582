"""Indexes for the operators' dashboard, which reads events and bookings by time.

Plain SQL (no model state): the dashboard's period filters need them, nothing else does,
and keeping them out of the models' Meta keeps merges with other work on those models easy.
"""

from django.db import migrations

INDEXES = [
    ("wo_event_created_type_idx", "production_workorderevent", "(created_at, type)"),
    ("reservation_created_idx", "production_capacityreservation", "(created_at)"),
    ("work_order_created_idx", "production_workorder", "(created_at)"),
]


class Migration(migrations.Migration):
    dependencies = [("production", "0005_staff_groups")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} {columns}",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
