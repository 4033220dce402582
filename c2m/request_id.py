"""One id per web request, carried into every log line it causes, in the web process and in
the Celery tasks it leads to (through the outbox too).

The id comes from the proxy's ``X-Request-ID`` when it is a plausible id, else it is made
here; the response names it in ``X-Request-ID`` so a customer's or a plant's report can be
found in the logs. ``c2m.scheduling`` sends the current id with every task it enqueues, the
outbox keeps the id of the request that wrote a message, and the worker binds what it
receives before the task runs.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable

import sentry_sdk
import structlog
from celery.signals import task_postrun, task_prerun
from django.http import HttpRequest, HttpResponse

HEADER = "X-Request-ID"
_META_KEY = "HTTP_X_REQUEST_ID"
_VALID = re.compile(r"[A-Za-z0-9._-]{8,64}")
# The key under which an enqueued task carries the ids of the requests that caused it.
TASK_HEADER = "c2m_request_ids"


def request_ids_current() -> list[str]:
    """The ids bound to this thread of work: a request's own, or those of the requests
    that caused the running task."""
    bound = structlog.contextvars.get_contextvars()
    if "request_id" in bound:
        return [bound["request_id"]]
    return list(bound.get("request_ids", []))


def request_ids_bind(ids: Iterable[str]) -> None:
    """Bind what a task received: ``request_id`` for one, ``request_ids`` for a batch
    several requests caused (an outbox relay after an outage)."""
    unique = list(dict.fromkeys(i for i in ids if i))
    if len(unique) == 1:
        structlog.contextvars.bind_contextvars(request_id=unique[0])
        sentry_sdk.set_tag("request_id", unique[0])
    elif unique:
        structlog.contextvars.bind_contextvars(request_ids=unique)


class RequestIdMiddleware:
    """Binds the request's id for its log lines and error reports, and names it in the
    response. First in ``MIDDLEWARE``, so every other middleware's lines carry it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.META.get(_META_KEY, "")
        request_id = offered if _VALID.fullmatch(offered) else uuid.uuid4().hex
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=request_id)
        sentry_sdk.set_tag("request_id", request_id)
        try:
            response = self.get_response(request)
        finally:
            structlog.contextvars.clear_contextvars()
        response[HEADER] = request_id
        return response


@task_prerun.connect
def _bind_task_request_ids(task_id=None, task=None, **_) -> None:
    structlog.contextvars.clear_contextvars()
    structlog.contextvars.bind_contextvars(task=getattr(task, "name", None), task_id=task_id)
    received = getattr(getattr(task, "request", None), TASK_HEADER, None)
    if isinstance(received, list):
        request_ids_bind(str(i) for i in received)


@task_postrun.connect
def _unbind_task_request_ids(**_) -> None:
    structlog.contextvars.clear_contextvars()
