"""Polls answered in front of Django get Django's answer, byte for byte; the rest is Django's."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from production.api.poll_shortcut import PollShortcut
from production.models import FactoryApiKey
from production.services.api_keys import api_key_revoke
from production.services.factory_actions import work_order_accept
from tests.production.api.conftest import API

pytestmark = pytest.mark.django_db
POLL = f"{API}work-orders/"
Answer = tuple[str, list[tuple[str, str]], bytes]


class Django:
    """Django's own WSGI handler (built now, so it reads the test's settings), counting
    the requests the shortcut passed on to it."""

    def __init__(self) -> None:
        self.handler = WSGIHandler()
        self.calls = 0

    def __call__(self, environ: dict, start_response: Callable) -> list[bytes]:
        self.calls += 1
        return self.handler(environ, start_response)


@pytest.fixture
def call() -> Iterator[Callable[..., Answer]]:
    """``call(app, method, path, **meta)`` → (status line, header list, body)."""
    # As Django's test client does: keep the test's transaction open across the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)

    def call(app: Callable, method: str, path: str, **meta: str) -> Answer:
        environ = getattr(RequestFactory(), method)(path, **meta).environ
        seen: list = []
        body = b"".join(
            app(environ, lambda status, headers, exc=None: seen.extend([status, headers]))
        )
        return seen[0], list(seen[1]), body

    yield call
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def compare(call) -> Callable[..., Answer]:
    """The shortcut's answer, checked to be its own and to equal Django's (same status,
    the same headers in the same order, the same body)."""

    def compare(path: str, key: str, **meta: str) -> Answer:
        django = Django()
        meta = {"HTTP_AUTHORIZATION": f"Api-Key {key}", **meta}
        ours = call(PollShortcut(django), "get", path, **meta)
        assert django.calls == 0, "the shortcut passed this poll on"
        assert ours == call(django, "get", path, **meta)
        return ours

    return compare


@pytest.fixture
def passed_on(call) -> Callable[..., bool]:
    """Whether the shortcut leaves this request to Django."""

    def passed_on(method: str, path: str, **meta: str) -> bool:
        django = Django()
        call(PollShortcut(django), method, path, **meta)
        return django.calls == 1

    return passed_on


def test_full_and_idle_polls_are_djangos_answers(make_offered, plant, factory_key, compare):
    for _ in range(3):
        make_offered()
    compare(f"{POLL}?status=offered", factory_key)  # the key's first use is noted
    status, headers, body = compare(f"{POLL}?status=offered&limit=2", factory_key)
    etag, cursor = dict(headers)["ETag"], json.loads(body)["next"]

    assert status == "200 OK" and cursor
    assert compare(f"{POLL}?status=offered&limit=2&cursor={cursor}", factory_key)[0] == "200 OK"
    assert compare(f"{POLL}", factory_key)[0] == "200 OK"
    assert compare(f"{POLL}?status=offered&status=accepted&other=1", factory_key)[0] == "200 OK"
    for if_none_match in (etag, f"W/{etag}", f'"stale", {etag}'):
        idle = compare(
            f"{POLL}?status=offered&limit=2", factory_key, HTTP_IF_NONE_MATCH=if_none_match
        )
        assert idle[0] == "304 Not Modified" and idle[2] == b""
    stale = compare(f"{POLL}?status=offered&limit=2", factory_key, HTTP_IF_NONE_MATCH='"stale"')
    assert stale[0] == "200 OK" and stale[2] == body


@pytest.mark.parametrize(
    "meta",
    [
        {"HTTP_ACCEPT_LANGUAGE": "zh-Hans,en;q=0.5"},
        {"HTTP_ACCEPT_LANGUAGE": "de-DE"},
        {"HTTP_ACCEPT": "application/json"},
        {"HTTP_ACCEPT": "*/*"},
    ],
)
def test_language_and_accept_headers_are_answered_as_django_does(
    offered, factory_key, compare, meta
):
    compare(f"{POLL}?status=offered", factory_key, **meta)


def test_over_https_with_production_settings_the_headers_are_djangos(
    offered, factory_key, compare, passed_on, settings
):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 3600
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.X_FRAME_OPTIONS = "sameorigin"
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {factory_key}"}

    headers = dict(compare(f"{POLL}?status=offered", factory_key, secure=True)[1])
    compare(f"{POLL}?status=offered", factory_key, HTTP_X_FORWARDED_PROTO="https")

    assert headers["Strict-Transport-Security"].startswith("max-age=3600")
    assert passed_on("get", f"{POLL}?status=offered", **auth)  # Django redirects plain HTTP
    assert passed_on("get", f"{POLL}?status=offered", HTTP_X_FORWARDED_PROTO="http", **auth)


def test_a_change_by_anyone_is_in_the_next_poll(make_offered, plant, factory_key, compare):
    first, second = make_offered(), make_offered()
    headers = compare(f"{POLL}?status=offered", factory_key)[1]
    work_order_accept(factory=plant, work_order_id=first.pk, actor="test")

    after = compare(f"{POLL}?status=offered", factory_key, HTTP_IF_NONE_MATCH=dict(headers)["ETag"])

    ids = [r["id"] for r in json.loads(after[2])["results"]]
    assert after[0] == "200 OK" and ids == [second.pk]


def test_another_factory_gets_its_own_empty_page(offered, other_key, compare):
    body = compare(f"{POLL}?status=offered", other_key)[2]
    assert body == b'{"next":null,"results":[]}'


def test_a_full_poll_costs_two_queries_an_idle_one_one(
    offered, factory_key, compare, django_assert_num_queries
):
    etag = dict(compare(f"{POLL}?status=offered", factory_key)[1])["ETag"]  # notes the key's use
    shortcut = PollShortcut(Django())
    meta = {"HTTP_AUTHORIZATION": f"Api-Key {factory_key}"}
    environ = RequestFactory().get(f"{POLL}?status=offered", **meta).environ
    with django_assert_num_queries(2):  # change sequence, page
        b"".join(shortcut(environ, lambda *a: None))
    environ = (
        RequestFactory().get(f"{POLL}?status=offered", HTTP_IF_NONE_MATCH=etag, **meta).environ
    )
    with django_assert_num_queries(1):  # change sequence
        b"".join(shortcut(environ, lambda *a: None))


@pytest.mark.parametrize(
    ("method", "query", "meta"),
    [
        ("head", "status=offered", {}),
        ("post", "status=offered", {}),
        ("get", "status=offered", {"HTTP_ACCEPT": "text/html"}),
        ("get", "status=offered&format=json", {}),
        ("get", "updated_after=2026-01-01T00:00:00Z", {}),
        ("get", "status=lost", {}),
        ("get", "status=", {}),
        ("get", "limit=0", {}),
        ("get", "cursor=abc", {}),
        ("get", "status=offered", {"HTTP_HOST": "evil.example"}),
        # Sessions and CSRF may answer cookies (Vary: Cookie, Set-Cookie).
        ("get", "status=offered", {"HTTP_COOKIE": "sessionid=x"}),
        ("get", "status=offered", {"HTTP_COOKIE": "django_language=zh-hans"}),
    ],
)
def test_what_django_must_answer_goes_to_django(
    offered, factory_key, passed_on, method, query, meta
):
    assert passed_on(method, f"{POLL}?{query}", HTTP_AUTHORIZATION=f"Api-Key {factory_key}", **meta)


def test_unknown_or_revoked_keys_and_other_paths_go_to_django(offered, factory_key, passed_on):
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {factory_key}"}
    assert passed_on("get", POLL)  # no key
    assert passed_on("get", POLL, HTTP_AUTHORIZATION="Api-Key c2mf_nope_nope")
    assert passed_on("get", POLL, HTTP_AUTHORIZATION=f"Token {factory_key}")
    assert passed_on("get", f"{API}feed/", **auth)
    assert not passed_on("get", POLL, **auth)

    api_key_revoke(key=FactoryApiKey.objects.get(prefix=factory_key.split("_")[1]))
    assert passed_on("get", POLL, **auth)


def test_a_throttled_key_goes_to_django_for_its_429(offered, factory_key, passed_on, settings):
    settings.FACTORY_API_THROTTLE_RATE = "1/min"
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {factory_key}"}

    assert not passed_on("get", f"{POLL}?status=offered", **auth)
    assert passed_on("get", f"{POLL}?status=offered", **auth)


def test_with_other_middleware_every_poll_goes_to_django(offered, factory_key, passed_on, settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "htmx" not in m]
    assert passed_on("get", POLL, HTTP_AUTHORIZATION=f"Api-Key {factory_key}")
