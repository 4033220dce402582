"""Scheduling a task for later, within what the broker can hold safely."""

from __future__ import annotations

from typing import Any

from celery import Task
from celery.result import AsyncResult

from c2m.celery import MAX_COUNTDOWN_SECONDS


def task_schedule(
    task: Task,
    *,
    countdown: float,
    args: tuple | list = (),
    kwargs: dict[str, Any] | None = None,
    **options: Any,
) -> AsyncResult:
    """Send ``task`` to run in ``countdown`` seconds.

    Raises ``ValueError`` for a negative countdown or one longer than
    ``MAX_COUNTDOWN_SECONDS``: Redis re-delivers a message it has held past its visibility
    timeout, so a long wait would run twice; schedule those from the database with beat.
    """
    if not 0 <= countdown <= MAX_COUNTDOWN_SECONDS:
        raise ValueError(
            f"A countdown is 0 to {MAX_COUNTDOWN_SECONDS} s; schedule longer delays with beat."
        )
    return task.apply_async(args=args, kwargs=kwargs or {}, countdown=countdown, **options)
