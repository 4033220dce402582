"""The measures give the same figures on the demo's SQLite as on PostgreSQL: the same seeded
demo (plants, their staff logins) and the same synthetic history, measured on both."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.plants import DEMO_FACTORIES

# The queue the SQLite run's tasks go to: none of its messages reach a worker (the demo's or
# this run's would look for its work orders in another database), and it is emptied after.
SQLITE_QUEUE = f"c2m-test-sqlite-{os.getpid()}"

MEASURE = """
import io, json
from datetime import date
from django.core.serializers.json import DjangoJSONEncoder
from backoffice.selectors.dashboard.measures import measures
from backoffice.selectors.dashboard.orders import Period
from demo.history import history_seed
from production.models import Factory

history_seed(factories=list(Factory.objects.order_by("code")), orders=300, days=90,
             until=date(2026, 11, 30))
figures = measures(period=Period(date(2026, 11, 1), date(2026, 11, 30)))
print(json.dumps(figures, cls=DjangoJSONEncoder, sort_keys=True))
"""
SQLITE_RUN = """
import io, json, django
from pathlib import Path
django.setup()
from django.core.management import call_command

from demo.plants import DEMO_FACTORIES
from django.contrib.auth import get_user_model
call_command("migrate", verbosity=0)
call_command("seed_demo", keys_file=Path(KEYS), stdout=io.StringIO())
print(json.dumps(sorted(get_user_model().objects.filter(factory_membership__isnull=False)
                        .values_list("username", flat=True))))
"""


@pytest.mark.django_db
def test_sqlite_and_postgresql_measure_the_same_history(tmp_path: Path, settings_demo):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "c2m.settings.demo",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        # Tasks it sends name the SQLite database's work orders: a queue no worker reads,
        # never the demo's or this run's.
        "CELERY_QUEUE": SQLITE_QUEUE,
    }
    keys = repr(str(tmp_path / "keys.json"))
    done = subprocess.run(
        [sys.executable, "-c", SQLITE_RUN.replace("KEYS", keys) + MEASURE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    redis.Redis.from_url(settings.CELERY_BROKER_URL).delete(SQLITE_QUEUE)
    assert done.returncode == 0, done.stderr[-3000:]
    staff, on_sqlite = done.stdout.strip().splitlines()[-2:]

    call_command("seed_demo", keys_file=tmp_path / "pg-keys.json", stdout=StringIO())
    namespace: dict = {}
    out = StringIO()
    with redirect_stdout(out):
        exec(MEASURE, namespace)
    on_postgresql = out.getvalue().strip().splitlines()[-1]

    figures = json.loads(on_sqlite)
    assert json.loads(on_postgresql) == figures
    # The history says something: services sold, customers back, work shared, carbon.
    current = {name: row["current"] for name, row in figures.items()}
    assert current["service_revenue"]["service"] != "0"
    assert 0 < current["repurchase"]["rate"] < 1
    assert 0 < current["collaboration"]["share"] < 0.2
    assert 0 < current["on_time"]["rate"] < 1
    assert current["carbon"]["per_order_kg"] is not None
    # Every demo plant has its staff login, on both databases.
    logins = json.loads(staff)
    on_pg = get_user_model().objects.filter(factory_membership__isnull=False)
    assert sorted(on_pg.values_list("username", flat=True)) == logins
    assert logins == sorted(f["code"] for f in DEMO_FACTORIES)


@pytest.fixture
def settings_demo(settings):
    settings.DEMO_MODE = True
    return settings


def test_bin_demo_prints_each_plants_login_with_the_admins():
    text = (Path(settings.BASE_DIR) / "bin" / "demo").read_text()
    assert "(admin / admin)" in text
    for plant in DEMO_FACTORIES:
        assert f"{plant['code']} / {plant['code']}" in text
