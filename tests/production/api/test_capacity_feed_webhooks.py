"""Capacity calendar, change feed, push webhooks and throttling."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone
from freezegun import freeze_time

from production.models import CapacityDay, DeliveryStatus, WebhookDelivery, WorkCentre
from production.services.factory_actions import work_order_accept
from production.services.webhooks import webhook_deliver, webhook_register, webhook_verify
from tests.factories import plant_capacity_cleared
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db


def put(client, key, path, body, **headers):
    return client.put(f"{API}{path}", json.dumps(body), "application/json", **auth(key), **headers)


@pytest.fixture
def printers(plant) -> WorkCentre:
    plant_capacity_cleared(plant)
    return WorkCentre.objects.create(factory=plant, type="dtg_printer", works_weekends=True)


def test_the_calendar_shows_sixty_days_per_work_centre_type(client, printers, factory_key):
    body = client.get(f"{API}capacity/", **auth(factory_key)).json()
    assert len(body["days"]) == 60
    assert body["days"][0] == {
        "centre_type": "dtg_printer",
        "day": str(timezone.localdate()),
        "available_minutes": 480,
        "reserved_minutes": 0,
        "note": "",
        "published": False,
    }


def test_publishing_sets_minutes_and_notes_all_or_nothing(client, printers, plant, factory_key):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = put(
        client,
        factory_key,
        "capacity/",
        {
            "days": [
                {"centre_type": "dtg_printer", "day": str(tomorrow), "available_minutes": 600},
                {
                    "centre_type": "dtg_printer",
                    "day": str(tomorrow + timedelta(days=1)),
                    "available_minutes": 0,
                    "note": "holiday",
                },
            ]
        },
    )
    assert response.status_code == 200
    days = {d["day"]: d for d in response.json()["days"]}
    assert days[str(tomorrow)]["available_minutes"] == 600
    assert days[str(tomorrow + timedelta(days=1))]["note"] == "holiday"
    assert CapacityDay.objects.filter(factory=plant).count() == 2


def test_available_below_reserved_is_a_409_and_changes_nothing(
    client, printers, plant, factory_key
):
    day = timezone.localdate() + timedelta(days=2)
    CapacityDay.objects.create(
        factory=plant,
        centre_type="dtg_printer",
        day=day,
        available_minutes=300,
        reserved_minutes=200,
    )
    response = put(
        client,
        factory_key,
        "capacity/",
        {
            "days": [
                {"centre_type": "dtg_printer", "day": str(day), "available_minutes": 100},
            ]
        },
    )
    assert response.status_code == 409
    assert response.json()["code"] == "below_reserved"
    assert "200 minutes are already reserved" in response.json()["errors"]["0"][0]
    assert CapacityDay.objects.get(day=day).available_minutes == 300


@pytest.mark.parametrize(
    "change",
    [
        {"centre_type": "laser", "day": "today", "available_minutes": 10},
        {"centre_type": "dtg_printer", "day": "past", "available_minutes": 10},
        {"centre_type": "dtg_printer", "day": "far", "available_minutes": 10},
    ],
)
def test_unknown_types_and_days_outside_the_window_are_400(client, printers, factory_key, change):
    today = timezone.localdate()
    change["day"] = str(
        {"today": today, "past": today - timedelta(days=1), "far": today + timedelta(days=60)}[
            change["day"]
        ]
    )
    response = put(client, factory_key, "capacity/", {"days": [change]})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_capacity"


def test_reserved_minutes_cannot_be_written(client, printers, plant, factory_key):
    day = str(timezone.localdate())
    put(
        client,
        factory_key,
        "capacity/",
        {
            "days": [
                {
                    "centre_type": "dtg_printer",
                    "day": day,
                    "available_minutes": 60,
                    "reserved_minutes": 50,
                }
            ]
        },
    )
    assert CapacityDay.objects.get(factory=plant).reserved_minutes == 0


def test_the_feed_lists_every_change_in_order_and_resumes_after_a_cursor(
    client, make_offered, plant, factory_key
):
    first = make_offered()
    second = make_offered()
    work_order_accept(factory=plant, work_order_id=first.pk, actor="test")

    page = client.get(f"{API}feed/", **auth(factory_key)).json()
    later = client.get(f"{API}feed/?after={page['results'][1]['seq']}", **auth(factory_key)).json()

    assert [(e["work_order_id"], e["event"]) for e in page["results"]] == [
        (first.pk, "offered"),
        (second.pk, "offered"),
        (first.pk, "accepted"),
    ]
    seqs = [e["seq"] for e in page["results"]]
    assert seqs == sorted(seqs) and len(set(seqs)) == 3
    assert [e["event"] for e in later["results"]] == ["accepted"]
    assert page["next"] == str(seqs[-1])


def test_a_declined_work_order_leaves_a_last_entry_in_the_decliners_feed(
    client, offered, factory_key
):
    client.post(
        f"{API}work-orders/{offered.pk}/decline/",
        {"reason_code": "price"},
        "application/json",
        **auth(factory_key),
    )
    events = [e["event"] for e in client.get(f"{API}feed/", **auth(factory_key)).json()["results"]]
    assert events[-1] == "declined"


@pytest.mark.parametrize("query", ["after=-1", "after=abc", "limit=0", "limit=9999"])
def test_bad_feed_queries_are_400(client, factory_key, query):
    assert client.get(f"{API}feed/?{query}", **auth(factory_key)).status_code == 400


def test_throttled_keys_get_429_with_retry_after(client, plant, factory_key, settings):
    settings.FACTORY_API_THROTTLE_RATE = "3/min"
    codes = [client.get(f"{API}feed/", **auth(factory_key)).status_code for _ in range(4)]
    last = client.get(f"{API}feed/", **auth(factory_key))
    assert codes == [200, 200, 200, 429]
    assert last.json()["code"] == "throttled"
    assert 0 < int(last["Retry-After"]) <= 60


def test_after_a_burst_a_throttled_key_gets_one_request_per_interval(
    client, plant, factory_key, settings
):
    settings.FACTORY_API_THROTTLE_RATE = "3/min"
    start = timezone.now()
    with freeze_time(start):
        burst = [client.get(f"{API}feed/", **auth(factory_key)) for _ in range(4)]
    with freeze_time(start + timedelta(seconds=19)):
        early = client.get(f"{API}feed/", **auth(factory_key)).status_code
    with freeze_time(start + timedelta(seconds=20)):
        due = [client.get(f"{API}feed/", **auth(factory_key)).status_code for _ in range(2)]

    assert [r.status_code for r in burst] == [200, 200, 200, 429]
    assert burst[-1]["Retry-After"] == "20"  # 3 a minute: one every 20 s after the burst
    assert (early, due) == (429, [200, 429])


class Receiver(BaseHTTPRequestHandler):
    received: list = []
    answers: list = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        Receiver.received.append((dict(self.headers), body))
        self.send_response(Receiver.answers.pop(0) if Receiver.answers else 204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    Receiver.received, Receiver.answers = [], []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()


def test_webhooks_to_private_hosts_are_refused(client, plant, factory_key):
    for url in [
        "http://127.0.0.1/x",
        "http://localhost/x",
        "http://10.0.0.5/x",
        "ftp://a.example/",
    ]:
        response = put(client, factory_key, "webhook/", {"url": url})
        assert response.status_code == 400, url


def test_a_registered_webhook_gets_signed_events_and_retries_after_a_failure(
    client, offered, plant, factory_key, receiver, settings, django_capture_on_commit_callbacks
):
    settings.FACTORY_WEBHOOK_ALLOW_PRIVATE_HOSTS = True
    registered = put(client, factory_key, "webhook/", {"url": receiver}).json()
    assert client.get(f"{API}webhook/", **auth(factory_key)).json()["url"] == receiver
    Receiver.answers = [500]
    with django_capture_on_commit_callbacks(execute=False):
        work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    delivery = WebhookDelivery.objects.get()

    assert webhook_deliver(delivery_id=delivery.pk) == DeliveryStatus.PENDING
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=timezone.now())
    assert webhook_deliver(delivery_id=delivery.pk) == DeliveryStatus.DELIVERED

    (headers_1, _body_1), (headers_2, body_2) = Receiver.received
    assert headers_1["Webhook-Id"] == headers_2["Webhook-Id"] == str(delivery.event_id)
    assert webhook_verify(secret=registered["secret"], headers=headers_2, body=body_2)
    assert not webhook_verify(secret=registered["secret"], headers=headers_2, body=body_2 + b" ")
    assert not webhook_verify(
        secret=registered["secret"],
        headers=headers_2,
        body=body_2,
        now=int(headers_2["Webhook-Timestamp"]) + 301,
    )
    assert json.loads(body_2)["type"] == "work_order.accepted"


def test_deleting_the_webhook_stops_pushes(client, offered, plant, factory_key, settings):
    settings.FACTORY_WEBHOOK_ALLOW_PRIVATE_HOSTS = True
    webhook_register(factory_id=plant.pk, url="http://127.0.0.1:9/none")
    assert client.delete(f"{API}webhook/", **auth(factory_key)).status_code == 204
    assert client.delete(f"{API}webhook/", **auth(factory_key)).status_code == 404
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    assert not WebhookDelivery.objects.exists()
