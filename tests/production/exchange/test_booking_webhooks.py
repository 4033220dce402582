"""A plant hears through its signed webhook when a business books or cancels minutes of
its offers (``capacity_booking.created``, ``capacity_booking.cancelled``): once per
booking, verifiable with its secret, and never about another plant's offers."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from production.models import CapacityBooking, DeliveryStatus, WebhookDelivery
from production.services.exchange_bookings import (
    capacity_booking_cancel,
    capacity_booking_create,
    capacity_booking_move,
)
from production.services.webhooks import (
    BOOKING_CREATED,
    webhook_booking_enqueue,
    webhook_deliver,
    webhook_register,
    webhook_verify,
)
from tests.production.exchange.conftest import day, exchange_plant, publish

pytestmark = pytest.mark.django_db

ACME = 41


class Plant:
    """A loopback endpoint recording what a plant's webhook was sent."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        received = self.received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                received.append(
                    (dict(self.headers), self.rfile.read(int(self.headers["Content-Length"])))
                )
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def endpoints(settings) -> Iterator[tuple[Plant, Plant]]:
    settings.FACTORY_WEBHOOK_ALLOW_PRIVATE_HOSTS = True  # the receivers listen on loopback
    pair = Plant(), Plant()
    yield pair
    for endpoint in pair:
        endpoint.server.shutdown()


def deliver_all() -> None:
    for delivery in WebhookDelivery.objects.order_by("pk"):
        webhook_deliver(delivery_id=delivery.pk)


def test_the_plant_is_told_of_a_booking_and_its_cancellation_signed_and_only_its_own(
    endpoints,
):
    own, other = endpoints
    plant, rival = exchange_plant("sz-idle"), exchange_plant("gz-rival", city="Guangzhou")
    secret = webhook_register(factory_id=plant.pk, url=own.url).secret
    webhook_register(factory_id=rival.pk, url=other.url)
    publish(rival)  # the rival's offer nobody books

    booking = capacity_booking_create(
        offer_id=publish(plant, price="2.00").pk,
        buyer_account_id=ACME,
        buyer_name="Acme",
        day=day(1),
        last_day=day(2),
        minutes=60,
        actor="business:41",
    )
    capacity_booking_cancel(buyer_account_id=ACME, number=booking.number, actor="business:41")
    deliver_all()

    assert other.received == []
    bodies = []
    for headers, body in own.received:
        assert webhook_verify(secret=secret, headers=headers, body=body)
        assert not webhook_verify(secret=secret, headers=headers, body=body.replace(b"60", b"6"))
        bodies.append(json.loads(body))
    assert [(b["type"], b["booking"], b["status"]) for b in bodies] == [
        ("capacity_booking.created", booking.number, "pending"),
        ("capacity_booking.cancelled", booking.number, "cancelled"),
    ]
    assert bodies[0] | {"created_at": "-"} == {
        "type": "capacity_booking.created",
        "booking": booking.number,
        "offer_id": booking.offer_id,
        "business": "Acme",
        "centre_type": "dtg_printer",
        "first_day": day(1).isoformat(),
        "last_day": day(2).isoformat(),
        "days": 2,
        "minutes_per_day": 60,
        "cost": "240.00",
        "earnings": "216.00",
        "currency": "CNY",
        "status": "pending",
        "created_at": "-",
    }


def test_a_bookings_push_is_queued_and_sent_once_whatever_runs_twice(endpoints):
    own, _ = endpoints
    plant = exchange_plant("sz-idle")
    webhook_register(factory_id=plant.pk, url=own.url)
    booking = capacity_booking_create(
        offer_id=publish(plant).pk,
        buyer_account_id=ACME,
        buyer_name="Acme",
        day=day(1),
        minutes=60,
        actor="b",
    )

    # The enqueue repeated (a retried transaction, a replayed task) and the move repeated
    assert webhook_booking_enqueue(booking=booking, event=BOOKING_CREATED) is None
    capacity_booking_move(booking_id=booking.pk, to="cancelled", actor="b")
    capacity_booking_move(booking_id=booking.pk, to="cancelled", actor="b")
    deliveries = list(WebhookDelivery.objects.order_by("pk"))
    assert [d.payload["type"] for d in deliveries] == [
        "capacity_booking.created",
        "capacity_booking.cancelled",
    ]
    # And each delivery task run twice
    for delivery in deliveries:
        assert webhook_deliver(delivery_id=delivery.pk) == DeliveryStatus.DELIVERED
        WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
        assert webhook_deliver(delivery_id=delivery.pk) == "skipped"

    assert len(own.received) == 2
    assert len({headers["Webhook-Id"] for headers, _ in own.received}) == 2


def test_the_plants_answer_is_not_pushed_back_to_the_plant(endpoints):
    own, _ = endpoints
    plant = exchange_plant("sz-idle")
    webhook_register(factory_id=plant.pk, url=own.url)
    booking = capacity_booking_create(
        offer_id=publish(plant).pk,
        buyer_account_id=ACME,
        buyer_name="Acme",
        day=day(1),
        minutes=60,
        actor="b",
    )

    capacity_booking_move(booking_id=booking.pk, to="confirmed", actor="plant")

    assert CapacityBooking.objects.get().status == "confirmed"
    assert [d.payload["type"] for d in WebhookDelivery.objects.all()] == [
        "capacity_booking.created"
    ]
