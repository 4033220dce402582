"""Multi-day capacity bookings on the merchant API: a business books the same minutes on
every day of a span in one request, under one number; every day is held or none, and
the plant's answer and the business's cancellation act on all the days together."""

from decimal import Decimal

import pytest

from production.models import CapacityBooking, CapacityDay, SettlementEntry
from production.services.exchange_bookings import capacity_booking_decide
from tests.merchants.conftest import merchant
from tests.production.exchange.conftest import CENTRE, day, exchange_plant, publish

pytestmark = pytest.mark.django_db


def held(plant, *offsets: int) -> list[int]:
    days = CapacityDay.objects.filter(
        factory=plant, centre_type=CENTRE, day__in=[day(o) for o in offsets]
    ).order_by("day")
    return [d.reserved_minutes for d in days]


def span(offer, first: int, last: int, minutes: int) -> dict:
    return {
        "offer_id": offer.pk,
        "first_day": day(first).isoformat(),
        "last_day": day(last).isoformat(),
        "minutes": minutes,
    }


def test_a_span_is_booked_under_one_number_held_every_day_and_costs_the_sum():
    plant = exchange_plant("sz-span")
    offer = publish(plant, minutes=2000, price="2.00")
    acme = merchant("Acme")

    response = acme.post("/exchange/bookings/", span(offer, 1, 3, 100))

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["first_day"], body["last_day"], body["days"]) == (
        day(1).isoformat(),
        day(3).isoformat(),
        3,
    )
    assert (body["minutes"], body["total_minutes"], body["cost"]) == (100, 300, "600.00")
    assert held(plant, 1, 2, 3, 4) == [100, 100, 100, 0]
    offer.refresh_from_db()
    assert offer.booked_minutes == 300
    listed = acme.get("/exchange/bookings/").json()["results"]
    assert [(b["number"], b["days"]) for b in listed] == [(body["number"], 3)]


def test_a_span_with_one_day_short_is_a_409_naming_that_day_and_holds_nothing():
    plant = exchange_plant("sz-span")
    offer = publish(plant, minutes=2400, minimum=60)
    initech, acme = merchant("Initech"), merchant("Acme")
    taken = initech.post(
        "/exchange/bookings/", {"offer_id": offer.pk, "day": day(3).isoformat(), "minutes": 400}
    )
    assert taken.status_code == 201  # day 3 has 80 minutes left

    refused = acme.post("/exchange/bookings/", span(offer, 1, 4, 120))

    assert refused.status_code == 409
    body = refused.json()
    assert (body["code"], body["day"]) == ("capacity_taken", day(3).isoformat())
    assert day(3).isoformat() in body["detail"]
    assert held(plant, 1, 2, 3, 4) == [0, 0, 400, 0]
    assert not CapacityBooking.objects.filter(buyer_account_id=acme.account.pk).exists()
    offer.refresh_from_db()
    assert offer.booked_minutes == 400


def test_confirming_a_span_books_the_ledger_once_and_declining_frees_every_day():
    plant = exchange_plant("sz-span")
    offer = publish(plant, minutes=2000, price="1.00")
    acme = merchant("Acme")
    kept = acme.post("/exchange/bookings/", span(offer, 1, 2, 100)).json()
    dropped = acme.post("/exchange/bookings/", span(offer, 3, 5, 50)).json()

    capacity_booking_decide(factory_id=plant.pk, number=kept["number"], confirm=True, actor="p")
    capacity_booking_decide(factory_id=plant.pk, number=kept["number"], confirm=True, actor="p")
    capacity_booking_decide(
        factory_id=plant.pk, number=dropped["number"], confirm=False, actor="p", reason="full"
    )

    entries = SettlementEntry.objects.filter(factory=plant)
    assert [(e.reference, e.amount) for e in entries] == [(kept["number"], Decimal("180.00"))]
    assert held(plant, 1, 2, 3, 4, 5) == [100, 100, 0, 0, 0]
    offer.refresh_from_db()
    assert offer.booked_minutes == 200
    statuses = {b["number"]: b["status"] for b in acme.get("/exchange/bookings/").json()["results"]}
    assert statuses == {kept["number"]: "confirmed", dropped["number"]: "declined"}


def test_cancelling_a_span_frees_every_day():
    plant = exchange_plant("sz-span")
    offer = publish(plant, minutes=2000)
    acme = merchant("Acme")
    booking = acme.post("/exchange/bookings/", span(offer, 2, 4, 90)).json()

    cancelled = acme.post(f"/exchange/bookings/{booking['number']}/cancel/")

    assert cancelled.json()["status"] == "cancelled"
    assert held(plant, 2, 3, 4) == [0, 0, 0]


@pytest.mark.parametrize(
    "body, field",
    [
        ({"day": 1, "first_day": 1, "minutes": 60}, "day"),
        ({"minutes": 60}, "day"),
        ({"day": 1, "last_day": 2, "minutes": 60}, "last_day"),
        ({"first_day": 3, "last_day": 2, "minutes": 60}, "last_day"),
    ],
)
def test_a_span_that_does_not_make_sense_is_a_400_naming_the_field(body, field):
    offer = publish(exchange_plant("sz-span"))
    sent = {k: day(v).isoformat() if k.endswith("day") else v for k, v in body.items()}

    response = merchant("Acme").post("/exchange/bookings/", {"offer_id": offer.pk, **sent})

    assert response.status_code == 400
    assert field in response.json()["errors"]
    assert not CapacityBooking.objects.exists()


def test_a_span_beyond_the_offer_is_a_400():
    offer = publish(exchange_plant("sz-span"), first=1, last=3)

    response = merchant("Acme").post("/exchange/bookings/", span(offer, 2, 5, 60))

    assert (response.status_code, response.json()["code"]) == (400, "invalid_booking")
    assert list(response.json()["errors"]) == ["last_day"]
