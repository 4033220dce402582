"""Enqueueing a task: the one place the platform sends work to Celery.

Services and tasks name the task (``production.task_names``); they never import a tasks
module, so there is no circle between services and the tasks that call them. The message
leaves once the current transaction commits (at once outside one), and a countdown stays
within what the broker can hold safely.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from celery import current_app
from django.db import transaction

from c2m.celery import MAX_COUNTDOWN_SECONDS
from c2m.request_id import TASK_HEADER, request_ids_current


def task_enqueue(
    name: str,
    *,
    args: Sequence[Any] = (),
    countdown: float | None = None,
    queue: str | None = None,
    after_commit: bool = True,
    request_ids: Sequence[str] | None = None,
) -> None:
    """Send task ``name`` with ``args`` once the current transaction commits, to run in
    ``countdown`` seconds when given (on ``queue`` when given, else the task's route).
    ``after_commit=False`` sends now: for a caller whose rows are committed already (the
    outbox relay sends messages it claimed in a transaction of its own).
    The task carries ``request_ids`` (default: those bound now, ``c2m.request_id``) for its
    log lines.

    Raises ``ValueError`` at once, before anything is sent, for a negative countdown or
    one longer than ``MAX_COUNTDOWN_SECONDS``: Redis re-delivers a message it has held past
    its visibility timeout, so a long wait would run twice; schedule those from the
    database with beat. A broker error is raised from the commit (from this call when
    sending now), as ``delay_on_commit`` would.
    """
    if countdown is not None and not 0 <= countdown <= MAX_COUNTDOWN_SECONDS:
        raise ValueError(
            f"A countdown is 0 to {MAX_COUNTDOWN_SECONDS} s; schedule longer delays with beat."
        )
    options: dict[str, Any] = {}
    if countdown is not None:
        options["countdown"] = countdown
    if queue is not None:
        options["queue"] = queue
    if request_ids is None:
        request_ids = request_ids_current()
    if request_ids:
        options["headers"] = {TASK_HEADER: list(request_ids)}
    send = partial(_send, name, list(args), options)
    if after_commit:
        transaction.on_commit(send)
    else:
        send()


def _send(name: str, args: list[Any], options: dict[str, Any]) -> None:
    if current_app.conf.task_always_eager:
        # As ``.delay()`` would under eager settings (a worker-less shell); the tasks
        # modules are imported (autodiscovered) on first use, as a worker does at start.
        current_app.loader.import_default_modules()
        current_app.tasks[name].apply(args=args)
    else:
        current_app.send_task(name, args=args, **options)
