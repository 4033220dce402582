"""Polls answered in front of Django: the factory API's most frequent request, a ``GET`` of
the work-order list, without middleware, URL resolution or DRF. An idle poll (its
``If-None-Match`` still current) costs one index read; a full poll one more query.

``PollShortcut`` wraps the WSGI application and answers a request itself only when it can
give Django's answer, byte for byte (headers from ``production.api.poll_headers``, ETag
and body from ``production.api.poll`` and the view's selector): ``GET`` of the poll path;
an ``Api-Key`` that is live (the same check and 5 s memory as the API's); a query as
clients send it (``quick_poll_query``; no ``format``) with a cursor that decodes; an
``Accept`` the JSON renderer satisfies; no cookies; a host in ``ALLOWED_HOSTS``; HTTPS where
``SECURE_SSL_REDIRECT`` wants it; and a key within its throttle, counted as DRF counts
it. Anything else goes to Django, which answers as it always did: other paths and
methods, unknown or throttled keys (401, 429), odd queries (400), plain HTTP to redirect,
a middleware list this does not know.

Connections are kept as Django keeps them around a request (``CONN_MAX_AGE``, dropped
after an error), without the health check Django makes before each request's first
query: a broken connection raises, and that request goes to Django, whose checks
reconnect. (Its throttle then counts it a second time: only then.)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.handlers.wsgi import WSGIRequest
from django.db import DatabaseError, connections

from production.api.poll import POLL_PATH, etag_in, poll_body, poll_etag, quick_poll_query
from production.api.poll_headers import headers_known, poll_headers
from production.api.throttling import throttle_take
from production.selectors.factory_api import (
    InvalidCursor,
    decode_cursor,
    factory_work_orders_page,
)
from production.services.api_keys import api_key_authenticate

# What DRF's content negotiation answers with JSON when the JSON renderer is the only one;
# any other ``Accept`` goes to Django (406, or JSON after all).
JSON_ACCEPTS = frozenset({None, "*/*", "application/json", "application/*"})

Answer = tuple[str, list[tuple[str, str]], bytes]


class PollShortcut:
    """WSGI middleware: answer polls as Django would; pass everything else on."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == POLL_PATH and environ.get("REQUEST_METHOD") == "GET":
            answer = poll_answer(environ)
            if answer is not None:
                status, headers, body = answer
                start_response(status, headers)
                return [body]
        return self.application(environ, start_response)


def poll_answer(environ: dict) -> Answer | None:
    """Django's answer to this poll (status line, headers, body), or None to ask Django."""
    scheme, _, raw = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
    if (
        scheme != "Api-Key"
        or environ.get("HTTP_ACCEPT") not in JSON_ACCEPTS
        or environ.get("HTTP_COOKIE")  # sessions and CSRF may answer cookies
        or not headers_known()
    ):
        return None
    request = WSGIRequest(environ)
    try:
        request.get_host()  # Django answers 400 to a host not in ALLOWED_HOSTS
    except DisallowedHost:
        return None
    if settings.SECURE_SSL_REDIRECT and not request.is_secure():
        return None  # Django redirects it
    params = quick_poll_query(request.GET)
    if params is None or "format" in request.GET or not _cursor_valid(params["cursor"]):
        return None
    _recycle_connections()
    try:
        return _answer(request, raw.strip(), params)
    except DatabaseError:
        return None
    finally:
        _recycle_connections()


def _answer(request: WSGIRequest, raw_key: str, params: dict) -> Answer | None:
    key = api_key_authenticate(raw=raw_key)
    if key is None:
        return None
    etag = poll_etag(factory_id=key.factory_id, query=request.GET)
    unchanged = etag_in(request.META.get("HTTP_IF_NONE_MATCH", ""), etag)
    if throttle_take(key.prefix) is not None:
        return None
    if unchanged:
        return "304 Not Modified", poll_headers(request, etag=etag, body=b""), b""
    page = factory_work_orders_page(
        factory_id=key.factory_id,
        statuses=params["status"],
        cursor=params["cursor"],
        limit=params["limit"],
    )
    body = poll_body(page)
    return "200 OK", poll_headers(request, etag=etag, body=body), body


def _cursor_valid(cursor: str | None) -> bool:
    try:
        return cursor is None or bool(decode_cursor(cursor))
    except InvalidCursor:
        return False


def _recycle_connections() -> None:
    """What Django does before and after each request (``close_old_connections``), where
    it has something to do: close a connection past ``CONN_MAX_AGE``, or one that saw an
    error and fails its check. (Never one inside a transaction: a test's.)"""
    now = time.monotonic()
    for connection in connections.all(initialized_only=True):
        if (
            connection.connection is not None
            and not connection.in_atomic_block
            and (
                connection.errors_occurred
                or (connection.close_at is not None and now >= connection.close_at)
            )
        ):
            connection.close_if_unusable_or_obsolete()
