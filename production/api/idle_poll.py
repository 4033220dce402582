"""Idle polls answered in front of Django: a factory whose work orders did not change gets
its empty ``304`` for one index read, without middleware, URL resolution or DRF.

The poll's ETag names the factory, its change sequence (``factory_feed_head``) and the
query, so comparing it needs only the key and that number. ``IdlePollShortcut`` wraps the
WSGI application; it answers a request itself only when all of this holds: ``GET`` of the
poll path, an ``If-None-Match``, a live API key (the same check and 5 s memory as the
API's), an ETag that still matches, and a key within its throttle. Everything else (other
paths, a first poll, an unknown or throttled key, anything that changed) goes to Django,
which answers exactly as before, with the same ETag. (So does plain HTTP when Django
would redirect it to HTTPS.)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.db import DatabaseError
from django.http import QueryDict

from production.api.throttling import throttle_take
from production.services.api_keys import api_key_authenticate
from production.services.feed import factory_feed_head

POLL_PATH = "/api/factory/v1/work-orders/"


def poll_etag(*, factory_id: int, query: QueryDict) -> str:
    """The ETag of the factory's poll with ``query`` as its work orders stand now."""
    head = factory_feed_head(factory_id=factory_id)
    digest = hashlib.sha256(f"{factory_id}:{head}:{query.urlencode()}".encode()).hexdigest()
    return f'"{digest[:32]}"'


def etag_in(if_none_match: str, etag: str) -> bool:
    """True when the ``If-None-Match`` header value names ``etag`` (weak or strong)."""
    return any(tag.strip().removeprefix("W/") == etag for tag in if_none_match.split(","))


class IdlePollShortcut:
    """WSGI middleware: answer unchanged polls with ``304``; pass everything else on."""

    def __init__(self, application: Callable) -> None:
        self.application = application

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == POLL_PATH and environ.get("REQUEST_METHOD") == "GET":
            etag = self._unchanged(environ)
            if etag is not None:
                start_response("304 Not Modified", [("ETag", etag), ("Vary", "Authorization")])
                return []
        return self.application(environ, start_response)

    def _unchanged(self, environ: dict) -> str | None:
        given = environ.get("HTTP_IF_NONE_MATCH")
        scheme, _, raw = environ.get("HTTP_AUTHORIZATION", "").partition(" ")
        if not given or scheme != "Api-Key" or not _scheme_allowed(environ):
            return None
        # Django's per-request connection health check is skipped: a query on a broken
        # connection raises, and that request goes to Django, whose checks reconnect.
        try:
            key = api_key_authenticate(raw=raw.strip())
            if key is None:
                return None
            query = QueryDict(get_bytes_from_wsgi(environ, "QUERY_STRING", ""))
            etag = poll_etag(factory_id=key.factory_id, query=query)
        except DatabaseError:
            return None
        if etag_in(given, etag) and throttle_take(key.prefix) is None:
            return etag
        return None


def _scheme_allowed(environ: dict) -> bool:
    """False for plain HTTP where ``SECURE_SSL_REDIRECT`` wants Django to redirect it (the
    same reading of ``SECURE_PROXY_SSL_HEADER`` as ``HttpRequest.scheme``)."""
    if not settings.SECURE_SSL_REDIRECT:
        return True
    scheme = environ.get("wsgi.url_scheme")
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        value = environ.get(header)
        if value is not None:
            scheme = "https" if value.split(",", 1)[0].strip() == secure_value else "http"
    return scheme == "https"
