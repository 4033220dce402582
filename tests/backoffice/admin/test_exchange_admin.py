"""The capacity exchange in the admin: a plant's staff publish offers for their own plant,
see and answer bookings of their own capacity only (issue #18, item 9)."""

import pytest
from django.test import Client

from production.models import CapacityBooking, CapacityOffer
from production.services.exchange_bookings import capacity_booking_create
from production.services.network import factory_work_centres_set
from tests.production.exchange.conftest import CENTRE, day, publish

pytestmark = pytest.mark.django_db

OFFERS = "/admin/production/capacityoffer/"
BOOKINGS = "/admin/production/capacitybooking/"


@pytest.fixture
def plants(plant_a, plant_b):
    for plant in (plant_a, plant_b):
        factory_work_centres_set(factory=plant, centres={CENTRE: {"default_minutes_per_day": 480}})
    return plant_a, plant_b


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def booked(plant) -> CapacityBooking:
    offer = publish(plant, first=1, last=3)
    return capacity_booking_create(
        offer_id=offer.pk, buyer_account_id=1, buyer_name="Acme", day=day(1), minutes=60, actor="t"
    )


def test_staff_publish_an_offer_for_their_own_plant(plants, staff_a):
    plant_a, _ = plants
    response = signed_in(staff_a).post(
        f"{OFFERS}add/",
        {
            "centre_type": CENTRE,
            "first_day": day(1).isoformat(),
            "last_day": day(2).isoformat(),
            "minutes": 300,
            "minimum_minutes": 30,
            "price_per_minute": "1.20",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    offer = CapacityOffer.objects.get()
    assert (offer.factory, offer.minutes, offer.currency) == (plant_a, 300, "CNY")


def test_an_offer_the_service_refuses_shows_the_reason_on_the_form(plants, staff_a):
    response = signed_in(staff_a).post(
        f"{OFFERS}add/",
        {
            "centre_type": "cnc",
            "first_day": day(1).isoformat(),
            "last_day": day(2).isoformat(),
            "minutes": 300,
            "minimum_minutes": 30,
            "price_per_minute": "1.20",
        },
    )
    assert response.status_code == 200
    assert "runs no" in response.content.decode()
    assert not CapacityOffer.objects.exists()


def test_staff_see_and_confirm_only_their_plants_bookings(plants, staff_a):
    plant_a, plant_b = plants
    own, other = booked(plant_a), booked(plant_b)
    client = signed_in(staff_a)

    listing = client.get(BOOKINGS).content.decode()
    assert own.number in listing and other.number not in listing
    assert client.get(f"{BOOKINGS}{other.pk}/change/").status_code == 404
    client.post(
        BOOKINGS, {"action": "confirm", "_selected_action": [own.pk, other.pk]}, follow=True
    )

    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == ("confirmed", "pending")


def test_an_operator_answers_any_plants_booking_saying_why_and_is_named_on_it(plants, operator):
    plant_a, plant_b = plants
    to_confirm, to_decline = booked(plant_a), booked(plant_b)
    client = signed_in(operator)

    listing = client.get(BOOKINGS).content.decode()
    assert to_confirm.number in listing and to_decline.number in listing
    # Asked why first: nothing moves until the operator gives a reason
    asked = client.post(BOOKINGS, {"action": "confirm", "_selected_action": [to_confirm.pk]})
    assert asked.status_code == 200 and 'name="reason"' in asked.content.decode()
    blank = {"action": "confirm", "_selected_action": [to_confirm.pk], "apply": "1"}
    assert client.post(BOOKINGS, {**blank, "reason": ""}).status_code == 200
    to_confirm.refresh_from_db()
    assert to_confirm.status == "pending"

    client.post(BOOKINGS, {**blank, "reason": "Plant A confirmed by phone"}, follow=True)
    client.post(
        BOOKINGS,
        {
            "action": "decline",
            "_selected_action": [to_decline.pk],
            "apply": "1",
            "reason": "Plant B's press is down",
        },
        follow=True,
    )

    to_confirm.refresh_from_db()
    to_decline.refresh_from_db()
    assert (to_confirm.status, to_decline.status) == ("confirmed", "declined")
    assert to_decline.note == "Plant B's press is down"
    for booking, reason in (
        (to_confirm, "Plant A confirmed by phone"),
        (to_decline, "Plant B's press is down"),
    ):
        event = booking.events.last()
        assert (event.actor, event.data) == ("admin:olga", {"note": reason})
    page = client.get(f"{BOOKINGS}{to_confirm.pk}/change/").content.decode()
    assert "admin:olga" in page


def test_plant_staff_answer_without_a_reason_page_and_never_for_another_plant(plants, staff_a):
    plant_a, plant_b = plants
    own, other = booked(plant_a), booked(plant_b)
    client = signed_in(staff_a)

    client.post(
        BOOKINGS, {"action": "decline", "_selected_action": [own.pk, other.pk]}, follow=True
    )

    own.refresh_from_db()
    other.refresh_from_db()
    assert (own.status, other.status) == ("declined", "pending")
    assert own.events.last().actor == "factory:plant-a:admin:alice"
    assert other.number not in client.get(BOOKINGS).content.decode()
