"""Idle polls through the deployed WSGI application (Django's): 304 only for a live,
unthrottled key."""

from __future__ import annotations

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import RequestFactory

from c2m.wsgi import application
from production.services.api_keys import api_key_revoke
from production.services.factory_actions import work_order_accept
from tests.production.api.conftest import API

pytestmark = pytest.mark.django_db
POLL = f"{API}work-orders/?status=offered"


def wsgi_get(path: str, key: str, etag: str | None = None) -> tuple[int, dict[str, str]]:
    """GET through the deployed WSGI application (what the server runs), not the test client."""
    meta = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    if etag:
        meta["HTTP_IF_NONE_MATCH"] = etag
    environ = RequestFactory().get(path, **meta).environ
    seen: list = []
    # As Django's test client does: keep the test's transaction open across the request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = application(
            environ, lambda status, headers, exc=None: seen.extend((status, headers))
        )
        b"".join(body)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return int(seen[0][:3]), dict(seen[1])


def test_an_unchanged_poll_is_answered_304_with_one_query(
    offered, factory_key, django_assert_num_queries
):
    status, headers = wsgi_get(POLL, factory_key)
    assert status == 200

    with django_assert_num_queries(1):  # the change sequence; key remembered, no session
        idle_status, idle_headers = wsgi_get(POLL, factory_key, headers["ETag"])

    assert idle_status == 304 and idle_headers["ETag"] == headers["ETag"]
    assert idle_headers["X-Frame-Options"] == headers["X-Frame-Options"]
    assert idle_headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("if_none_match", ["{etag}", "W/{etag}", '"stale", {etag}'])
def test_a_weak_or_listed_etag_is_recognised(offered, factory_key, if_none_match):
    etag = wsgi_get(POLL, factory_key)[1]["ETag"]

    assert wsgi_get(POLL, factory_key, if_none_match.format(etag=etag))[0] == 304
    assert wsgi_get(POLL, factory_key, '"stale"')[0] == 200


def test_a_change_gets_the_new_page(offered, plant, factory_key):
    etag = wsgi_get(POLL, factory_key)[1]["ETag"]
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")

    status, headers = wsgi_get(POLL, factory_key, etag)

    assert status == 200 and headers["ETag"] != etag


def test_another_factory_or_a_revoked_key_never_gets_the_304(offered, factory_key, other_key):
    from production.models import FactoryApiKey

    etag = wsgi_get(POLL, factory_key)[1]["ETag"]

    assert wsgi_get(POLL, other_key, etag)[0] == 200  # its own (empty) page, not our 304
    assert wsgi_get(POLL, "c2mf_nope_nope", etag)[0] == 401
    api_key_revoke(key=FactoryApiKey.objects.get(prefix=factory_key.split("_")[1]))
    assert wsgi_get(POLL, factory_key, etag)[0] == 401


def test_idle_polls_count_against_the_throttle(offered, factory_key, settings):
    settings.FACTORY_API_THROTTLE_RATE = "3/min"
    etag = wsgi_get(POLL, factory_key)[1]["ETag"]  # 1 of 3

    statuses = [wsgi_get(POLL, factory_key, etag)[0] for _ in range(3)]

    assert statuses == [304, 304, 429]
