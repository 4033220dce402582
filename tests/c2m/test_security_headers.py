"""Response headers (issue #22, item 14): a Content-Security-Policy on pages, no caching of
API responses with personal data, no server version banner.

The browser test (``tests/c2m/test_csp_browser.py``) shows the pages really pass the policy.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from production.services.factory_actions import work_order_accept
from tests.conftest import wait_for
from tests.orders.conftest import fill_cart, place, tumbler  # noqa: F401 - fixture
from tests.production.api.conftest import API, auth, make_offered, offered  # noqa: F401

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent.parent


def directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";")}


@pytest.mark.parametrize("path", ["/", "/cart/", "/account/login/", "/admin/login/"])
def test_pages_allow_scripts_and_styles_from_this_site_only(client, path):
    policy = directives(client.get(path))

    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert policy["object-src"] == "object-src 'none'"
    assert "unsafe" not in client.get(path)["Content-Security-Policy"]


def test_a_not_found_page_has_the_policy_too(client):
    response = client.get("/products/no-such-thing/")
    assert response.status_code == 404
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_consumer_order_detail_is_not_stored_by_any_cache(client, tumbler):  # noqa: F811
    order = place(fill_cart(tumbler))
    response = client.get(f"/api/v1/orders/{order.number}/", {"token": order.tracking_token})

    assert response.status_code == 200 and response.json()["number"] == order.number
    assert response["Cache-Control"] == "no-store"


def test_api_errors_are_not_stored_either(client):
    response = client.get("/api/v1/orders/")
    assert response.status_code == 401 and response["Cache-Control"] == "no-store"


def test_the_work_order_detail_with_the_address_is_not_stored(
    client,
    offered,  # noqa: F811
    plant,
    factory_key,
):
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    response = client.get(f"{API}work-orders/{offered.pk}/", **auth(factory_key))

    assert response.json()["ship_to"]["city"]  # the customer's address
    assert response["Cache-Control"] == "no-store"
    assert response["ETag"]  # the version for If-Match stays
    assert response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_the_poll_still_answers_304_to_its_etag(client, offered, factory_key):  # noqa: F811
    first = client.get(f"{API}work-orders/", **auth(factory_key))
    again = client.get(f"{API}work-orders/", HTTP_IF_NONE_MATCH=first["ETag"], **auth(factory_key))

    assert first["Cache-Control"] == "no-store"
    assert again.status_code == 304 and again["Cache-Control"] == "no-store"


def test_a_view_that_sets_its_own_caching_keeps_it(rf):
    from django.http import HttpResponse

    from c2m.security_headers import SecurityHeadersMiddleware

    def view(request):
        response = HttpResponse(b"file")
        response["Cache-Control"] = "private, max-age=0"
        return response

    response = SecurityHeadersMiddleware(view)(rf.get(f"{API}work-orders/1/files/a.pdf"))
    assert response["Cache-Control"] == "private, max-age=0"


def test_the_api_docs_have_a_policy_of_their_own(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    assert "worker-src 'self' blob:" in response["Content-Security-Policy"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_names_no_version():
    # The production command of the README, one worker; a 401 needs no database.
    port = _free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "c2m.settings.test"}
    command = ["gunicorn", "c2m.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
    server = subprocess.Popen(
        [sys.executable, "-m", *command, "--threads", "2", "--worker-class", "gthread"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:

        def answer():
            try:
                return httpx.get(f"http://127.0.0.1:{port}/api/v1/orders/", timeout=2)
            except httpx.TransportError:
                time.sleep(0.2)
                return None

        response = wait_for(answer, timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=15)

    assert response.status_code == 401
    assert response.headers.get("Server", "") in ("", "gunicorn")  # no version, no Python
    assert response.headers["Cache-Control"] == "no-store"
