"""Indexes for the operators' dashboard (orders per day, shipped orders in a period).

Plain SQL (no model state), so the models' Meta stays as it is for other work on them.
"""

from django.db import migrations

INDEXES = [
    ("order_created_idx", "orders_order", "(created_at)"),
    ("order_event_to_status_created_idx", "orders_orderevent", "(to_status, created_at)"),
]


class Migration(migrations.Migration):
    dependencies = [("orders", "0002_shared_rules_configuration_quantity")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} {columns}",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, table, columns in INDEXES
    ]
