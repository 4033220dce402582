"""The capacity exchange on the factory API: publish, list, withdraw offers; see, confirm
and decline bookings; one plant never sees another's (issue #18, item 9)."""

import pytest

from production.services.api_keys import api_key_create
from production.services.exchange_bookings import capacity_booking_create
from tests.production.api.conftest import API, auth
from tests.production.exchange.conftest import CENTRE, day, exchange_plant

pytestmark = pytest.mark.django_db


@pytest.fixture
def plant_x():
    plant = exchange_plant("plant-x")
    return plant, api_key_create(factory=plant, name="erp")[1]


@pytest.fixture
def plant_y():
    plant = exchange_plant("plant-y", city="Guangzhou")
    return plant, api_key_create(factory=plant, name="erp")[1]


def offer_body(**changes) -> dict:
    body = {
        "centre_type": CENTRE,
        "first_day": day(1).isoformat(),
        "last_day": day(3).isoformat(),
        "minutes": 600,
        "minimum_minutes": 60,
        "price_per_minute": "1.80",
    }
    return body | changes


def post(client, key, path, body=None, **headers):
    return client.post(
        f"{API}{path}", body or {}, content_type="application/json", **auth(key), **headers
    )


def test_a_plant_publishes_lists_and_withdraws_an_offer(client, plant_x):
    _, key = plant_x

    created = post(client, key, "exchange/offers/", offer_body(), HTTP_IDEMPOTENCY_KEY="o-1")
    again = post(client, key, "exchange/offers/", offer_body(), HTTP_IDEMPOTENCY_KEY="o-1")

    assert created.status_code == again.status_code == 201
    offer = created.json()
    assert (offer["minutes"], offer["booked_minutes"], offer["price_per_minute"]) == (
        600,
        0,
        "1.80",
    )
    listed = client.get(f"{API}exchange/offers/", **auth(key)).json()["results"]
    assert [o["id"] for o in listed] == [offer["id"]]
    withdrawn = post(client, key, f"exchange/offers/{offer['id']}/withdraw/")
    assert withdrawn.status_code == 200 and withdrawn.json()["withdrawn_at"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"centre_type": "cnc"}, "centre_type"),
        ({"last_day": day(-1).isoformat()}, "last_day"),
        ({"first_day": day(90).isoformat()}, "first_day"),
        ({"minimum_minutes": 601}, "minimum_minutes"),
        ({"price_per_minute": "0"}, "price_per_minute"),
        ({"minutes": "many"}, "minutes"),
    ],
)
def test_an_offer_that_does_not_fit_is_a_structured_400(client, plant_x, changes, field):
    response = post(client, plant_x[1], "exchange/offers/", offer_body(**changes))
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_the_plant_confirms_and_declines_its_bookings_and_sees_its_earnings(client, plant_x):
    _, key = plant_x
    offer_id = post(client, key, "exchange/offers/", offer_body()).json()["id"]
    first, second = (
        capacity_booking_create(
            offer_id=offer_id,
            buyer_account_id=7,
            buyer_name="Acme",
            day=day(2),
            minutes=100,
            actor="test",
        )
        for _ in range(2)
    )

    confirmed = post(client, key, f"exchange/bookings/{first.number}/confirm/")
    declined = post(client, key, f"exchange/bookings/{second.number}/decline/", {"reason": "x"})
    late = post(client, key, f"exchange/bookings/{second.number}/confirm/")

    assert confirmed.json()["status"] == "confirmed"
    assert (confirmed.json()["cost"], confirmed.json()["earnings"]) == ("180.00", "162.00")
    assert declined.json()["status"] == "declined"
    assert (late.status_code, late.json()["code"]) == (409, "invalid_transition")
    listed = client.get(f"{API}exchange/bookings/", **auth(key)).json()["results"]
    assert {(b["number"], b["business"], b["status"]) for b in listed} == {
        (first.number, "Acme", "confirmed"),
        (second.number, "Acme", "declined"),
    }
    statement = client.get(f"{API}statement/", **auth(key)).json()
    assert statement["bookings"] == "162.00"
    assert [(e["kind"], e["reference"]) for e in statement["entries"]] == [
        ("booking", first.number)
    ]


def test_plant_x_never_sees_nor_answers_plant_ys_offers_and_bookings(client, plant_x, plant_y):
    _, key_x = plant_x
    _, key_y = plant_y
    offer_id = post(client, key_y, "exchange/offers/", offer_body()).json()["id"]
    booking = capacity_booking_create(
        offer_id=offer_id, buyer_account_id=7, buyer_name="Acme", day=day(2), minutes=60, actor="t"
    )

    assert client.get(f"{API}exchange/offers/", **auth(key_x)).json() == {"results": []}
    assert client.get(f"{API}exchange/bookings/", **auth(key_x)).json() == {"results": []}
    assert client.get(f"{API}exchange/bookings/{booking.number}/", **auth(key_x)).status_code == 404
    assert post(client, key_x, f"exchange/offers/{offer_id}/withdraw/").status_code == 404
    for action in ("confirm", "decline"):
        answer = post(client, key_x, f"exchange/bookings/{booking.number}/{action}/")
        assert answer.status_code == 404
    booking.refresh_from_db()
    assert booking.status == "pending"
