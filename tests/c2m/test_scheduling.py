"""Tasks are enqueued by name through c2m.scheduling only, after commit, and long delays
are refused as countdowns: Redis would deliver them twice."""

import ast
from pathlib import Path

import pytest
import redis
from django.conf import settings

from c2m.celery import MAX_COUNTDOWN_SECONDS
from c2m.scheduling import task_enqueue

ROOT = Path(__file__).resolve().parents[2]
ENQUEUEING = {"delay", "delay_on_commit", "apply_async", "send_task"}
# Not the platform's code: tests and benchmarks drive it from outside.
OUTSIDE = {"tests", "bench"}


@pytest.fixture
def idle_queue():
    """A queue no worker listens to, emptied afterwards."""
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = f"{settings.CELERY_TASK_DEFAULT_QUEUE}-scheduling"
    broker.delete(queue)
    yield broker, queue
    broker.delete(queue)


def test_a_countdown_beyond_the_visibility_timeout_is_refused_and_nothing_is_sent(
    db, idle_queue, django_capture_on_commit_callbacks
):
    broker, queue = idle_queue
    visibility_timeout = settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValueError, match="beat"):
            task_enqueue("orders.relay_outbox", countdown=visibility_timeout + 1, queue=queue)
        with pytest.raises(ValueError, match="beat"):
            task_enqueue("orders.relay_outbox", countdown=MAX_COUNTDOWN_SECONDS + 1, queue=queue)
        with pytest.raises(ValueError):
            task_enqueue("orders.relay_outbox", countdown=-1, queue=queue)

    assert callbacks == []
    assert broker.llen(queue) == 0
    assert visibility_timeout > MAX_COUNTDOWN_SECONDS


def test_a_task_is_sent_only_once_the_transaction_commits(
    db, idle_queue, django_capture_on_commit_callbacks
):
    broker, queue = idle_queue

    with django_capture_on_commit_callbacks(execute=True):
        task_enqueue("orders.relay_outbox", countdown=5, queue=queue)
        assert broker.llen(queue) == 0

    assert broker.llen(queue) == 1


def test_a_caller_whose_rows_are_committed_sends_at_once(
    db, idle_queue, django_capture_on_commit_callbacks
):
    broker, queue = idle_queue

    with django_capture_on_commit_callbacks() as callbacks:
        task_enqueue("orders.relay_outbox", queue=queue, after_commit=False)

        assert broker.llen(queue) == 1
    assert callbacks == []


def test_production_enqueues_only_names_of_its_registered_tasks():
    from celery import current_app

    import production.tasks  # noqa: F401 - registers the tasks
    from production import task_names

    names = [v for k, v in vars(task_names).items() if k.isupper()]

    assert names and all(name in current_app.tasks for name in names)
    assert settings.C2M_OUTBOX_TASKS["order.paid"] == task_names.PLAN_ORDERS


def _enqueue_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in ENQUEUEING:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {name}(")
    return found


def test_nothing_but_c2m_scheduling_sends_tasks():
    packages = [
        p.parent
        for p in ROOT.glob("*/__init__.py")
        if p.parent.name not in OUTSIDE and not p.parent.name.startswith(".")
    ]
    sources = [f for package in packages for f in package.rglob("*.py")]
    assert ROOT / "production" / "tasks.py" in sources  # the scan reaches the code

    found = [
        call for f in sources if f != ROOT / "c2m" / "scheduling.py" for call in _enqueue_calls(f)
    ]

    assert found == [], "enqueue through c2m.scheduling.task_enqueue instead"
