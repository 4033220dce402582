"""A business hears through its signed Standard Webhooks endpoint when the plant confirms
or declines its capacity booking (``booking.confirmed``, ``booking.declined``): once per
booking, even when the message is handled twice, and never about another business's."""

from __future__ import annotations

import json
import time

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from merchants.models import WebhookDelivery, WebhookEvent
from merchants.services.webhooks import webhook_deliver, webhook_request
from merchants.tasks import record_booking_decisions
from orders.models import OutboxMessage
from orders.services.outbox import outbox_reopen
from production.services.exchange_bookings import capacity_booking_decide
from tests.merchants.conftest import merchant
from tests.merchants.test_webhooks import Receiver
from tests.production.exchange.conftest import day, exchange_plant, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def receivers(settings):
    settings.MERCHANT_ALLOW_PRIVATE_HOSTS = True  # the receivers listen on loopback
    pair = Receiver(), Receiver()
    yield pair
    for receiver in pair:
        receiver.server.shutdown()


def decisions() -> list[int]:
    return list(OutboxMessage.objects.filter(topic="booking.decided").values_list("pk", flat=True))


def booked(business, offer, first: int, last: int) -> str:
    response = business.post(
        "/exchange/bookings/",
        {
            "offer_id": offer.pk,
            "first_day": day(first).isoformat(),
            "last_day": day(last).isoformat(),
            "minutes": 60,
        },
    )
    assert response.status_code == 201, response.json()
    return response.json()["number"]


def test_each_business_is_told_the_plants_answer_signed_and_only_about_its_own(receivers):
    to_acme, to_globex = receivers
    plant = exchange_plant("sz-idle", name="Shenzhen Idle")
    offer = publish(plant, price="2.00")
    acme, globex = merchant("Acme"), merchant("Globex")
    acme_secret = acme.put("/webhook/", {"url": to_acme.url}).json()["secret"]
    globex_secret = globex.put("/webhook/", {"url": to_globex.url}).json()["secret"]
    acme_booking, globex_booking = booked(acme, offer, 1, 2), booked(globex, offer, 3, 3)

    capacity_booking_decide(factory_id=plant.pk, number=acme_booking, confirm=True, actor="p")
    capacity_booking_decide(
        factory_id=plant.pk, number=globex_booking, confirm=False, actor="p", reason="Press down"
    )
    assert record_booking_decisions(decisions()) == 2
    for delivery in WebhookDelivery.objects.order_by("pk"):
        assert webhook_deliver(delivery_id=delivery.pk) == "delivered"

    [(acme_headers, acme_body)] = to_acme.received
    [(globex_headers, globex_body)] = to_globex.received
    told_acme = Webhook(acme_secret).verify(acme_body, acme_headers)
    told_globex = Webhook(globex_secret).verify(globex_body, globex_headers)
    assert (told_acme["type"], told_acme["data"]["number"]) == ("booking.confirmed", acme_booking)
    assert told_acme["data"] | {"plant": "-"} == {
        "number": acme_booking,
        "status": "confirmed",
        "plant": "-",
        "centre_type": "dtg_printer",
        "first_day": day(1).isoformat(),
        "last_day": day(2).isoformat(),
        "days": 2,
        "minutes_per_day": 60,
        "cost": "240.00",
        "currency": "CNY",
        "reason": "",
        "decided_by": "plant",
    }
    assert (told_globex["type"], told_globex["data"]["number"]) == (
        "booking.declined",
        globex_booking,
    )
    assert told_globex["data"]["reason"] == "Press down"
    with pytest.raises(WebhookVerificationError):  # signed with Acme's secret, not Globex's
        Webhook(globex_secret).verify(acme_body, acme_headers)
    assert acme.get(f"/exchange/bookings/{acme_booking}/").json()["status"] == "confirmed"


def test_a_decision_handled_twice_or_replayed_is_one_event(receivers):
    to_acme, _ = receivers
    plant = exchange_plant("sz-idle")
    acme = merchant("Acme")
    acme.put("/webhook/", {"url": to_acme.url})
    number = booked(acme, publish(plant), 1, 1)
    capacity_booking_decide(factory_id=plant.pk, number=number, confirm=True, actor="p")
    capacity_booking_decide(factory_id=plant.pk, number=number, confirm=True, actor="p")  # retry

    assert len(decisions()) == 1
    assert record_booking_decisions(decisions()) == 1
    assert record_booking_decisions(decisions()) == 0  # the task delivered twice
    outbox_reopen(message_ids=decisions())  # an operator replays the message
    assert record_booking_decisions(decisions()) == 0

    assert list(WebhookEvent.objects.values_list("booking_number", "type")) == [
        (number, "booking.confirmed")
    ]
    assert OutboxMessage.objects.get(topic="booking.decided").processed_at is not None
    delivery = WebhookDelivery.objects.get()
    body, _ = webhook_request(delivery, timestamp=int(time.time()))
    assert json.loads(body)["type"] == "booking.confirmed"


def test_a_business_without_a_webhook_gets_nothing_sent_and_the_message_is_acknowledged():
    plant = exchange_plant("sz-idle")
    acme = merchant("Acme")
    number = booked(acme, publish(plant), 1, 1)

    capacity_booking_decide(factory_id=plant.pk, number=number, confirm=False, actor="p")
    record_booking_decisions(decisions())

    assert WebhookEvent.objects.get().type == "booking.declined"
    assert not WebhookDelivery.objects.exists()
    assert OutboxMessage.objects.get(topic="booking.decided").processed_at is not None
