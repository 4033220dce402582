"""Settings of the planning benchmark's worker: the demo settings, with routing tasks sent
to a queue nobody consumes, so the bench measures planning alone."""

from c2m.settings.demo import *  # noqa: F403
from c2m.settings.demo import CELERY_TASK_DEFAULT_QUEUE

CELERY_TASK_ROUTES = {
    name: {"queue": f"{CELERY_TASK_DEFAULT_QUEUE}-routing"}
    for name in ("production.route_work_orders", "production.generate_production_files")
}
