"""The dashboard's idle-capacity use counts minutes booked on the capacity exchange, and
stops counting them once the booking is declined (docs/measures.md)."""

import pytest

from backoffice.selectors.dashboard.measures import Scope, capacity_use
from backoffice.selectors.dashboard.orders import Period
from production.services.exchange_bookings import capacity_booking_create, capacity_booking_decide
from tests.production.exchange.conftest import day, exchange_plant, publish

pytestmark = pytest.mark.django_db


def test_exchange_bookings_count_as_booked_minutes_until_declined():
    plant = exchange_plant("sz-idle", minutes=400)
    booking = capacity_booking_create(
        offer_id=publish(plant, first=1, last=1).pk,
        buyer_account_id=1,
        buyer_name="Acme",
        day=day(1),
        minutes=100,
        actor="test",
    )
    scope = Scope(Period(day(1), day(1)), plant)

    assert (capacity_use(scope)["booked"], capacity_use(scope)["share"]) == (100, 0.25)

    capacity_booking_decide(factory_id=plant.pk, number=booking.number, confirm=False, actor="p")
    assert capacity_use(scope)["booked"] == 0
