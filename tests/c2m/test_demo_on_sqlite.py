"""The demo's zero-setup database is SQLite: its sample orders must plan, route and get
their files there too, and its history (claims, paid services, returning customers) must
seed there quickly, once (the rest of the suite runs on PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import redis
from django.conf import settings

# The queue the SQLite run's tasks go to: none of its messages reach a worker (the demo's or
# this run's would look for its work orders in another database), and it is emptied after.
SQLITE_QUEUE = f"c2m-test-sqlite-{os.getpid()}"

DEMO_RUN = """
import io, json, django
django.setup()
from django.core.management import call_command
from orders.models import OutboxMessage, Order
from production.models import WorkOrder
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from production.selectors.production_files import work_order_files
from production.services.production_files import work_order_files_generate

quiet = io.StringIO()
call_command("migrate", verbosity=0)
call_command("seed_demo", stdout=quiet)
call_command("place_demo_orders", count=6, seed=7, stdout=quiet)
created = orders_plan(message_ids=list(OutboxMessage.objects.values_list("pk", flat=True)))
work_orders_route(work_order_ids=created)
for pk in created:
    work_order_files_generate(work_order_id=pk)
result = {
    "orders": Order.objects.count(),
    "statuses": sorted(WorkOrder.objects.values_list("status", flat=True)),
    "files": sorted(work_order_files(wo).status for wo in WorkOrder.objects.all()),
}

import time
from datetime import timedelta
from django.utils import timezone
from backoffice.selectors.dashboard.measures import measures
from backoffice.selectors.dashboard.orders import Period
from orders.models import Claim
from orders.services import outbox

outbox._send = lambda topic, message_ids: None  # no broker: the command drives production
started = time.monotonic()
call_command("seed_demo_history", stdout=quiet)
result["history_seconds"] = time.monotonic() - started
result["history"] = [Order.objects.count(), Claim.objects.count()]
call_command("seed_demo_history", stdout=quiet)
result["history_again"] = [Order.objects.count(), Claim.objects.count()]
today = timezone.localdate()
figures = measures(period=Period(today - timedelta(days=29), today))
result["defective"] = figures["claim_rate"]["current"]["defective"]
result["service"] = str(figures["service_revenue"]["current"]["service"])
result["repeat"] = figures["repurchase"]["current"]["repeat"]
print(json.dumps(result))
"""


def test_demo_orders_are_planned_routed_and_get_files_and_the_history_seeds_on_sqlite(
    tmp_path: Path,
):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "c2m.settings.demo",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        # Tasks it sends name the SQLite database's work orders: a queue no worker reads,
        # never the demo's or this run's.
        "CELERY_QUEUE": SQLITE_QUEUE,
    }
    done = subprocess.run(
        [sys.executable, "-c", DEMO_RUN],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(SQLITE_QUEUE)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["orders"] == 6
    assert result["statuses"] and set(result["statuses"]) == {"offered"}
    assert set(result["files"]) == {"ready"}
    # The demo history: seeded in well under 30 s, once, with something on every chart
    assert result["history_seconds"] < 30
    assert result["history"] == result["history_again"] and result["history"][1] == 3
    assert result["defective"] > 0 and float(result["service"]) > 0 and result["repeat"] > 0
