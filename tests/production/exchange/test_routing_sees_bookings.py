"""The real router treats booked exchange minutes as taken (issue #18, item 9)."""

import pytest

from production.models import CapacityDay, CapacityReservation, WorkOrder
from production.services.exchange_bookings import capacity_booking_create
from production.services.routing import work_orders_route
from tests.production.exchange.conftest import day, publish
from tests.production.routing_service.conftest import make_plant, make_work_orders

pytestmark = pytest.mark.django_db


def test_a_plant_whose_days_are_fully_booked_gets_no_routed_work_for_them():
    # Given the cheapest plant, east, with 100 minutes a day, and a dearer one, west
    east = make_plant("east", minutes=100, rate="1.00")
    west = make_plant("west", minutes=100, rate="3.00")
    # And a business booked all of east's minutes on days 0-5 through the exchange
    offer = publish(east, minutes=600, first=0, last=5, minimum=100)
    for offset in range(6):
        capacity_booking_create(
            offer_id=offer.pk,
            buyer_account_id=1,
            buyer_name="Acme",
            day=day(offset),
            minutes=100,
            actor="test",
        )
    # When a work order of 50 minutes due in 2 days is routed
    (work_order,) = make_work_orders({"minutes": 50, "due": 2})
    work_orders_route(work_order_ids=[work_order.pk])

    # Then it goes to west: east's booked days got no routed work
    work_order.refresh_from_db()
    assert (work_order.status, work_order.factory_id) == ("offered", west.pk)
    assert not CapacityReservation.objects.filter(capacity_day__factory=east).exists()
    for booked in CapacityDay.objects.filter(factory=east, day__lte=day(5)):
        assert booked.reserved_minutes == booked.available_minutes == 100
    assert WorkOrder.objects.filter(factory=east).count() == 0
