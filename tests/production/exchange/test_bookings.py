"""Booking a plant's idle minutes: what is held, what it costs, the plant's answer, the
ledger, and the rules a business meets (issue #18, item 9)."""

from decimal import Decimal

import pytest

from c2m.errors import ApplicationError, Conflict, NotFound
from production.models import CapacityDay, SettlementEntry
from production.selectors.settlement import factory_statement
from production.services.capacity import CapacityChange, capacity_publish
from production.services.exchange_bookings import (
    capacity_booking_cancel,
    capacity_booking_create,
    capacity_booking_decide,
)
from production.services.exchange_offers import capacity_offer_withdraw
from tests.production.exchange.conftest import CENTRE, day, exchange_plant, publish

pytestmark = pytest.mark.django_db

ACME, GLOBEX = 101, 202


def book(offer, *, minutes=120, on=2, account=ACME):
    return capacity_booking_create(
        offer_id=offer.pk,
        buyer_account_id=account,
        buyer_name=f"business {account}",
        day=day(on),
        minutes=minutes,
        actor="test",
    )


def calendar(plant, on=2) -> CapacityDay:
    return CapacityDay.objects.get(factory=plant, centre_type=CENTRE, day=day(on))


def test_a_booking_holds_its_minutes_on_the_calendar_and_prices_them():
    # Given a plant offering 480 minutes at 2.05 a minute
    plant = exchange_plant("sz-idle")
    offer = publish(plant, price="2.05")

    # When a business books 125 minutes on day 2
    booking = book(offer, minutes=125)

    # Then the plant's calendar and the offer hold them
    assert calendar(plant).reserved_minutes == 125
    offer.refresh_from_db()
    assert offer.free_minutes == 480 - 125
    # And it costs 256.25, of which the platform keeps 10 % (25.63) and the plant 230.62
    assert (booking.status, booking.cost, booking.platform_margin, booking.plant_earnings) == (
        "pending",
        Decimal("256.25"),
        Decimal("25.63"),
        Decimal("230.62"),
    )


def test_confirming_books_the_plants_earnings_to_its_ledger_once():
    plant = exchange_plant("sz-idle")
    booking = book(publish(plant), minutes=100)  # 200.00, the plant earns 180.00

    capacity_booking_decide(factory_id=plant.pk, number=booking.number, confirm=True, actor="p")
    again = capacity_booking_decide(
        factory_id=plant.pk, number=booking.number, confirm=True, actor="p"
    )

    assert again.status == "confirmed"
    entries = SettlementEntry.objects.filter(factory=plant)
    assert [(e.kind, e.amount, e.reference) for e in entries] == [
        ("booking", Decimal("180.00"), booking.number)
    ]
    statement = factory_statement(factory=plant, first_day=day(-1), last_day=day(1))
    assert statement.bookings == Decimal("180.00")
    assert statement.closing_balance == Decimal("180.00")
    # The minutes stay taken
    assert calendar(plant).reserved_minutes == 100


def test_declining_frees_the_minutes_and_is_final():
    plant = exchange_plant("sz-idle")
    offer = publish(plant)
    booking = book(offer)

    capacity_booking_decide(
        factory_id=plant.pk, number=booking.number, confirm=False, actor="p", reason="closed"
    )

    assert calendar(plant).reserved_minutes == 0
    offer.refresh_from_db()
    assert offer.booked_minutes == 0
    with pytest.raises(Conflict) as refused:
        capacity_booking_decide(factory_id=plant.pk, number=booking.number, confirm=True, actor="p")
    assert refused.value.code == "invalid_transition"
    assert not SettlementEntry.objects.exists()


def test_a_business_cancels_a_pending_booking_but_not_a_confirmed_one():
    plant = exchange_plant("sz-idle")
    offer = publish(plant)
    pending, confirmed = book(offer), book(offer, on=3)
    capacity_booking_decide(factory_id=plant.pk, number=confirmed.number, confirm=True, actor="p")

    cancelled = capacity_booking_cancel(buyer_account_id=ACME, number=pending.number, actor="b")

    assert cancelled.status == "cancelled"
    assert calendar(plant, on=2).reserved_minutes == 0
    with pytest.raises(Conflict):
        capacity_booking_cancel(buyer_account_id=ACME, number=confirmed.number, actor="b")
    assert calendar(plant, on=3).reserved_minutes == 120


def test_another_business_or_plant_cannot_touch_a_booking():
    plant, rival = exchange_plant("sz-idle"), exchange_plant("gz-rival", city="Guangzhou")
    booking = book(publish(plant))

    with pytest.raises(NotFound):
        capacity_booking_cancel(buyer_account_id=GLOBEX, number=booking.number, actor="b")
    with pytest.raises(NotFound):
        capacity_booking_decide(factory_id=rival.pk, number=booking.number, confirm=True, actor="r")


def test_fewer_minutes_than_the_minimum_or_a_day_outside_the_offer_is_a_400():
    offer = publish(exchange_plant("sz-idle"), minimum=60, first=1, last=3)

    with pytest.raises(ApplicationError) as short:
        book(offer, minutes=59)
    with pytest.raises(ApplicationError) as outside:
        book(offer, on=4)

    assert (short.value.status, short.value.code, list(short.value.errors)) == (
        400,
        "invalid_booking",
        ["minutes"],
    )
    assert list(outside.value.errors) == ["day"]


def test_a_withdrawn_offer_or_one_without_the_minutes_left_is_not_bookable():
    plant = exchange_plant("sz-idle")
    small, withdrawn = publish(plant, minutes=100), publish(plant)
    capacity_offer_withdraw(offer_id=withdrawn.pk, factory_id=plant.pk)

    with pytest.raises(Conflict) as gone:
        book(withdrawn)
    with pytest.raises(Conflict) as too_many:
        book(small, minutes=101)

    assert gone.value.code == too_many.value.code == "offer_unavailable"
    assert calendar(plant).reserved_minutes == 0


def test_minutes_the_calendar_no_longer_has_free_cannot_be_booked():
    # Given an offer of 480 minutes, and a plant that since published only 80 on day 2
    plant = exchange_plant("sz-idle")
    offer = publish(plant)
    capacity_publish(
        factory=plant,
        changes=[CapacityChange(centre_type=CENTRE, day=day(2), available_minutes=80)],
    )

    # When a business asks for 100 minutes that day
    with pytest.raises(Conflict) as taken:
        book(offer, minutes=100)

    # Then the calendar refuses it, and nothing is held
    assert taken.value.code == "capacity_taken"
    assert calendar(plant).reserved_minutes == 0
    offer.refresh_from_db()
    assert offer.booked_minutes == 0


def test_an_operator_answering_for_a_plant_must_say_why():
    plant = exchange_plant("sz-idle")
    booking = book(publish(plant))

    with pytest.raises(ApplicationError) as refused:
        capacity_booking_decide(factory_id=None, number=booking.number, confirm=True, actor="o")
    answered = capacity_booking_decide(
        factory_id=None, number=booking.number, confirm=True, actor="admin:olga", reason="phone"
    )

    assert (refused.value.status, refused.value.code) == (400, "reason_required")
    assert (answered.status, answered.events.last().actor) == ("confirmed", "admin:olga")
