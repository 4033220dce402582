"""Errors reach the error tracker (Sentry's protocol, here a local receiver) from the web
process and from the worker, tagged with the request id and without personal data."""

from __future__ import annotations

import gzip
import json
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sentry_sdk
from django.test import Client

from c2m.celery import app
from c2m.sentry import sentry_init
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)


class Receiver(ThreadingHTTPServer):
    """Collects the events of every envelope posted to it."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.events: list[dict] = []

    @property
    def dsn(self) -> str:
        return f"http://public@127.0.0.1:{self.server_address[1]}/1"


class _Handler(BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        for line in body.splitlines():
            item = json.loads(line)
            if "exception" in item:
                self.server.events.append(item)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()


@pytest.fixture
def tracked(receiver) -> Iterator[Receiver]:
    """This process reports to the receiver, as SENTRY_DSN makes the settings do."""
    sentry_init(dsn=receiver.dsn, environment="test", release="", traces_sample_rate=0.0)
    yield receiver
    sentry_sdk.init(dsn=None)


def exception_types(event: dict) -> list[str]:
    return [value["type"] for value in event["exception"]["values"]]


def test_a_server_error_of_a_page_is_reported_with_its_request_id_and_no_personal_data(
    tracked, settings, monkeypatch
):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise RuntimeError("the catalogue is broken")

    monkeypatch.setattr("orders.pages.catalog.render", broken)
    client = Client(raise_request_exception=False)
    session = uuid.uuid4().hex
    client.cookies["sessionid"] = session

    response = client.get("/", HTTP_X_REQUEST_ID="page-error-7f3c1b")

    assert response.status_code == 500
    assert response["X-Request-ID"] == "page-error-7f3c1b"
    sentry_sdk.flush(timeout=5)
    [event] = wait_for(lambda: tracked.events, timeout=10)
    assert exception_types(event) == ["RuntimeError"]
    assert event["tags"]["request_id"] == "page-error-7f3c1b"
    assert session not in json.dumps(event)


def test_a_failing_task_in_the_worker_is_reported(receiver, monkeypatch, request):
    # The worker is started with the DSN in its environment, as a deployment would be.
    monkeypatch.setenv("SENTRY_DSN", receiver.dsn)
    request.getfixturevalue("celery_worker_process")

    app.send_task("production.purge_idempotency_keys", args=["an", "argument", "too many"])

    [event] = wait_for(lambda: receiver.events, timeout=30)
    assert exception_types(event) == ["TypeError"]
    assert event["tags"]["celery_task_id"]
