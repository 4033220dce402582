"""Signed webhooks to merchants: verifiable with the Standard Webhooks library, delivered
once with retries, never sent to a private or loopback host."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from merchants.models import WebhookDelivery
from merchants.services.webhooks import MAX_ATTEMPTS, webhook_deliver, webhook_request
from tests.merchants.conftest import BRUSHED, SHIP_TO

pytestmark = pytest.mark.django_db


class Receiver:
    """A local HTTP server recording what it was sent, answering ``status``."""

    def __init__(self, status: int = 204) -> None:
        self.status = status
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    yield server
    server.server.shutdown()


def simulated_to_delivered(sandbox) -> str:
    order = sandbox.post(
        "/orders/", {"reference": "S-1", "lines": [BRUSHED], "ship_to": SHIP_TO, "confirm": True}
    ).json()
    for _ in range(3):
        sandbox.post(f"/orders/{order['id']}/simulate/")
    return order["id"]


def test_every_webhook_verifies_with_the_standard_webhooks_library(sandbox):
    endpoint = sandbox.put("/webhook/", {"url": "https://shop.example.com/hooks"}).json()
    assert endpoint["secret"].startswith("whsec_")
    order_id = simulated_to_delivered(sandbox)

    deliveries = WebhookDelivery.objects.select_related("event", "endpoint").order_by("pk")
    verified = []
    for delivery in deliveries:
        body, headers = webhook_request(delivery, timestamp=int(time.time()))
        verified.append(Webhook(endpoint["secret"]).verify(body, headers))

    assert [(p["type"], p["data"]["order_id"]) for p in verified] == [
        ("order.accepted", order_id),
        ("order.shipped", order_id),
        ("order.delivered", order_id),
    ]
    assert verified[1]["data"]["parcels"][0]["tracking_number"].startswith("SBX")
    body, headers = webhook_request(deliveries[0], timestamp=int(time.time()))
    with pytest.raises(WebhookVerificationError):  # a forged body
        Webhook(endpoint["secret"]).verify(body.replace(b"accepted", b"delivered"), headers)
    with pytest.raises(WebhookVerificationError):  # a stale timestamp
        stale_body, stale = webhook_request(deliveries[0], timestamp=int(time.time()) - 3600)
        Webhook(endpoint["secret"]).verify(stale_body, stale)


def test_a_webhook_reaches_the_merchant_once_signed_and_retries_when_refused(
    sandbox, receiver, settings
):
    settings.MERCHANT_ALLOW_PRIVATE_HOSTS = True  # the receiver listens on loopback
    secret = sandbox.put("/webhook/", {"url": receiver.url}).json()["secret"]
    order = sandbox.post(
        "/orders/", {"reference": "S-2", "lines": [BRUSHED], "ship_to": SHIP_TO, "confirm": True}
    ).json()
    receiver.status = 500
    sandbox.post(f"/orders/{order['id']}/simulate/")
    delivery = WebhookDelivery.objects.get()

    assert webhook_deliver(delivery_id=delivery.pk) == "pending"
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.last_error == "HTTP 500"
    assert webhook_deliver(delivery_id=delivery.pk) == "pending"  # not due yet: not sent
    assert len(receiver.received) == 1

    receiver.status = 204
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at="2000-01-01T00:00Z")
    assert webhook_deliver(delivery_id=delivery.pk) == "delivered"
    assert webhook_deliver(delivery_id=delivery.pk) == "delivered"  # a repeat sends nothing
    assert len(receiver.received) == 2
    headers, body = receiver.received[-1]
    assert headers["webhook-id"] == receiver.received[0][0]["webhook-id"]  # dedupe by it
    assert Webhook(secret).verify(body, headers)["type"] == "order.accepted"
    assert json.loads(body)["data"]["reference"] == "S-2"


def test_a_delivery_gives_up_after_its_last_attempt(sandbox, receiver, settings):
    settings.MERCHANT_ALLOW_PRIVATE_HOSTS = True
    receiver.status = 503
    sandbox.put("/webhook/", {"url": receiver.url})
    order = sandbox.post(
        "/orders/", {"reference": "S-3", "lines": [BRUSHED], "ship_to": SHIP_TO, "confirm": True}
    ).json()
    sandbox.post(f"/orders/{order['id']}/simulate/")
    delivery = WebhookDelivery.objects.get()

    for _ in range(MAX_ATTEMPTS):
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at="2000-01-01T00:00Z")
        status = webhook_deliver(delivery_id=delivery.pk)

    assert status == "failed" and len(receiver.received) == MAX_ATTEMPTS


def test_private_and_loopback_hosts_are_refused_when_set_and_when_sending(
    sandbox, receiver, settings
):
    for url in (
        "https://127.0.0.1/h",
        "https://localhost/h",
        "https://[::1]/h",
        "https://169.254.169.254/latest",
        "https://10.0.0.8/h",
        "http://shop.example.com/h",
    ):
        response = sandbox.put("/webhook/", {"url": url})
        assert response.status_code == 400, url
        assert response.json()["code"] == "invalid_url", url

    # Set while allowed, sent when not: the name is resolved and every address checked.
    settings.MERCHANT_ALLOW_PRIVATE_HOSTS = True
    sandbox.put(
        "/webhook/",
        {"url": receiver.url.replace("127.0.0.1", "localhost").replace("http:", "https:")},
    )
    settings.MERCHANT_ALLOW_PRIVATE_HOSTS = False
    order = sandbox.post(
        "/orders/", {"reference": "S-4", "lines": [BRUSHED], "ship_to": SHIP_TO, "confirm": True}
    ).json()
    sandbox.post(f"/orders/{order['id']}/simulate/")
    delivery = WebhookDelivery.objects.get()

    assert webhook_deliver(delivery_id=delivery.pk) == "pending"
    delivery.refresh_from_db()
    assert "public host" in delivery.last_error
    assert receiver.received == []
