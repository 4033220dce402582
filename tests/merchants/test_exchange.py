"""The capacity exchange on the merchant API: search, book, follow, cancel; each business
sees its own bookings only (issue #18, item 9)."""

import pytest

from production.models import CapacityBooking
from production.services.exchange_bookings import capacity_booking_decide
from production.services.exchange_offers import capacity_offer_withdraw
from tests.merchants.conftest import merchant
from tests.production.exchange.conftest import day, exchange_plant, publish

pytestmark = pytest.mark.django_db

SHENZHEN = {"latitude": 22.54, "longitude": 114.06}


@pytest.fixture
def plants():
    shenzhen = exchange_plant("sz-idle", city="Shenzhen", **SHENZHEN)
    beijing = exchange_plant("bj-idle", city="Beijing", latitude=39.9, longitude=116.4)
    return shenzhen, beijing


def ids(response) -> list[int]:
    assert response.status_code == 200, response.json()
    return [offer["id"] for offer in response.json()["results"]]


def test_businesses_find_offers_by_price_place_distance_and_day(plants):
    shenzhen, beijing = plants
    cheap_far = publish(beijing, price="1.50", first=1, last=3)
    dear_near = publish(shenzhen, price="2.50", first=4, last=6)
    acme = merchant("Acme")

    assert ids(acme.get("/exchange/offers/")) == [cheap_far.pk, dear_near.pk]
    assert ids(acme.get("/exchange/offers/", max_price_per_minute="2.00")) == [cheap_far.pk]
    assert ids(acme.get("/exchange/offers/", day=day(5).isoformat())) == [dear_near.pk]
    assert ids(acme.get("/exchange/offers/", province="Guangdong")) == [dear_near.pk]
    near = acme.get("/exchange/offers/", within_km=100, **SHENZHEN)
    assert ids(near) == [dear_near.pk]
    assert near.json()["results"][0]["distance_km"] == 0.0
    assert ids(acme.get("/exchange/offers/", centre_type="cnc")) == []


def test_withdrawn_offers_are_not_shown_nor_bookable(plants):
    shenzhen, _ = plants
    offer = publish(shenzhen)
    capacity_offer_withdraw(offer_id=offer.pk, factory_id=shenzhen.pk)
    acme = merchant("Acme")

    assert ids(acme.get("/exchange/offers/")) == []
    refused = acme.post("/exchange/bookings/", book_body(offer))
    assert (refused.status_code, refused.json()["code"]) == (409, "offer_unavailable")


def test_a_booking_is_made_once_per_idempotency_key_and_both_sides_see_it(plants):
    shenzhen, _ = plants
    offer = publish(shenzhen, price="2.00")
    acme = merchant("Acme")

    first = acme.post("/exchange/bookings/", book_body(offer, 90), key="book-1")
    replay = acme.post("/exchange/bookings/", book_body(offer, 90), key="book-1")

    assert first.status_code == replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    assert first.json() == replay.json()
    body = first.json()
    assert (body["status"], body["minutes"], body["cost"], body["plant"]) == (
        "pending",
        90,
        "180.00",
        shenzhen.name,
    )
    assert CapacityBooking.objects.count() == 1
    # The plant confirms; the business sees it confirmed
    capacity_booking_decide(factory_id=shenzhen.pk, number=body["number"], confirm=True, actor="p")
    seen = acme.get(f"/exchange/bookings/{body['number']}/").json()
    assert seen["status"] == "confirmed"
    # And a confirmed booking cannot be cancelled
    refused = acme.post(f"/exchange/bookings/{body['number']}/cancel/")
    assert (refused.status_code, refused.json()["code"]) == (409, "invalid_transition")


def test_business_a_never_sees_nor_cancels_business_bs_bookings(plants):
    shenzhen, _ = plants
    offer = publish(shenzhen)
    acme, globex = merchant("Acme"), merchant("Globex")
    number = acme.post("/exchange/bookings/", book_body(offer)).json()["number"]

    assert globex.get("/exchange/bookings/").json() == {"results": []}
    assert globex.get(f"/exchange/bookings/{number}/").status_code == 404
    assert globex.post(f"/exchange/bookings/{number}/cancel/").status_code == 404
    assert [b["number"] for b in acme.get("/exchange/bookings/").json()["results"]] == [number]
    cancelled = acme.post(f"/exchange/bookings/{number}/cancel/")
    assert cancelled.json()["status"] == "cancelled"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"offer_id": "x", "day": "2026-01-01", "minutes": 60}, "offer_id"),
        ({"day": "not a day", "minutes": 60}, "day"),
        ({"minutes": -5}, "minutes"),
        ({"minutes": 10**30}, "minutes"),
    ],
)
def test_invalid_bookings_are_structured_400s(plants, body, field):
    offer = publish(plants[0])
    response = merchant("Acme").post("/exchange/bookings/", {**book_body(offer), **body})
    assert response.status_code == 400
    assert set(response.json()) == {"code", "detail", "errors"}
    assert field in response.json()["errors"]


def test_fewer_minutes_than_the_offers_minimum_is_refused(plants):
    offer = publish(plants[0], minimum=60)
    response = merchant("Acme").post("/exchange/bookings/", book_body(offer, 59))
    assert (response.status_code, response.json()["code"]) == (400, "invalid_booking")
    assert "minutes" in response.json()["errors"]


def test_a_sandbox_key_searches_but_cannot_hold_a_plants_minutes(plants):
    offer = publish(plants[0])
    sandbox = merchant("Initech", sandbox=True)
    assert ids(sandbox.get("/exchange/offers/")) == [offer.pk]
    response = sandbox.post("/exchange/bookings/", book_body(offer))
    assert (response.status_code, response.json()["code"]) == (403, "live_key_required")


def book_body(offer, minutes: int = 60) -> dict:
    return {"offer_id": offer.pk, "day": day(2).isoformat(), "minutes": minutes}
