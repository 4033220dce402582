"""Two businesses booking the last idle minutes of one plant at once, on PostgreSQL:
exactly one wins, the other gets a clear 409 (issue #18, "Done when")."""

import pytest
from django.db.models import Sum

from production.models import CapacityBooking, CapacityDay
from tests.merchants.conftest import merchant
from tests.production.exchange.conftest import CENTRE, day, exchange_plant, publish
from tests.production.routing_service.test_concurrent_routing import run_concurrently

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_businesses_booking_the_last_idle_minutes_at_once_one_wins_one_gets_409():
    # Given a plant's day of 480 minutes of which a third business already holds 360
    plant = exchange_plant("sz-last")
    offer = publish(plant, minimum=60)
    early = merchant("Initech")
    assert early.post("/exchange/bookings/", booking(offer, 360)).status_code == 201
    # And two businesses, each asking for the last 120 minutes
    acme, globex = merchant("Acme"), merchant("Globex")
    answers = {}

    # When both book at the same moment
    errors = run_concurrently(
        lambda: answers.update(acme=acme.post("/exchange/bookings/", booking(offer, 120))),
        lambda: answers.update(globex=globex.post("/exchange/bookings/", booking(offer, 120))),
    )

    # Then exactly one won and the other was told the minutes are gone
    assert errors == []
    statuses = sorted(response.status_code for response in answers.values())
    assert statuses == [201, 409]
    loser = next(r for r in answers.values() if r.status_code == 409).json()
    assert loser["code"] in {"offer_unavailable", "capacity_taken"}
    assert loser["detail"]
    # And the day is booked to the minute, never more
    held = CapacityDay.objects.get(factory=plant, centre_type=CENTRE, day=day(2))
    assert held.reserved_minutes == held.available_minutes == 480
    booked = CapacityBooking.objects.filter(offer=offer).aggregate(total=Sum("minutes"))
    assert booked["total"] == 480


def booking(offer, minutes: int) -> dict:
    return {"offer_id": offer.pk, "day": day(2).isoformat(), "minutes": minutes}


def test_overlapping_spans_of_the_last_minutes_at_once_one_wins_the_loser_holds_nothing():
    # Given a plant whose days 2 and 3 have 120 minutes left (a third business holds 360)
    plant = exchange_plant("sz-spans")
    offer = publish(plant, minutes=2400, minimum=60)
    early = merchant("Initech")
    assert early.post("/exchange/bookings/", span(offer, 2, 3, 360)).status_code == 201
    # And two businesses each wanting 120 minutes a day over spans that overlap on 2 and 3
    acme, globex = merchant("Acme"), merchant("Globex")
    answers = {}

    # When both book at the same moment
    errors = run_concurrently(
        lambda: answers.update(acme=acme.post("/exchange/bookings/", span(offer, 1, 3, 120))),
        lambda: answers.update(globex=globex.post("/exchange/bookings/", span(offer, 2, 4, 120))),
    )

    # Then exactly one won, and the loser was told which day is gone
    assert errors == []
    assert sorted(r.status_code for r in answers.values()) == [201, 409]
    winner = next(name for name, r in answers.items() if r.status_code == 201)
    loser = next(r for r in answers.values() if r.status_code == 409).json()
    assert loser["code"] == "capacity_taken" and loser["day"] == day(2).isoformat()
    # And the loser holds nothing on any day, the winner every day of its span
    reserved = {
        d.day: d.reserved_minutes
        for d in CapacityDay.objects.filter(factory=plant, centre_type=CENTRE)
    }
    expected_ends = (120, 0) if winner == "acme" else (0, 120)
    assert (reserved[day(1)], reserved[day(4)]) == expected_ends
    assert reserved[day(2)] == reserved[day(3)] == 480
    losing = globex if winner == "acme" else acme
    assert not CapacityBooking.objects.filter(buyer_account_id=losing.account.pk).exists()
    offer.refresh_from_db()
    assert offer.booked_minutes == 720 + 360


def span(offer, first: int, last: int, minutes: int) -> dict:
    return {
        "offer_id": offer.pk,
        "first_day": day(first).isoformat(),
        "last_day": day(last).isoformat(),
        "minutes": minutes,
    }
