"""Re-routing: declines, offers that time out, paused factories, late work, cancellations."""

from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from c2m.errors import Conflict
from production.models import CapacityDay, CapacityReservation, WorkOrderEvent
from production.services.capacity_reservations import capacity_release
from production.services.factory_actions import (
    work_order_accept,
    work_order_decline,
    work_order_report,
)
from production.services.factory_status import factory_set_status
from production.services.offers import offers_expire, work_orders_flag_late
from production.services.rerouting import work_order_reroute
from production.services.routing import work_orders_route
from tests.production.routing_service.conftest import make_plant, make_work_orders

pytestmark = pytest.mark.django_db


def booked(plant) -> int:
    return sum(CapacityDay.objects.filter(factory=plant).values_list("reserved_minutes", flat=True))


@pytest.fixture
def plants():
    return make_plant("best", rate="1.00"), make_plant("second", rate="2.00")


def test_a_declined_work_order_goes_to_the_next_best_plant_and_never_back(
    plants, django_capture_on_commit_callbacks
):
    best, second = plants
    [tee] = make_work_orders({"minutes": 60})
    work_orders_route(work_order_ids=[tee.pk])
    tee.refresh_from_db()
    assert tee.factory == best and booked(best) == 60

    # When the best plant declines it
    with django_capture_on_commit_callbacks(execute=False):
        work_order_decline(
            factory=best, work_order_id=tee.pk, actor="factory:best", reason_code="no_capacity"
        )

    # Then its minutes are free again and the router offers it to the second plant
    assert booked(best) == 0
    work_orders_route(work_order_ids=[tee.pk])
    tee.refresh_from_db()
    assert tee.factory == second and booked(second) == 60

    # And when the second declines too, it is not offered back to the first
    with django_capture_on_commit_callbacks(execute=False):
        work_order_decline(
            factory=second, work_order_id=tee.pk, actor="factory:second", reason_code="other"
        )
    work_orders_route(work_order_ids=[tee.pk])
    tee.refresh_from_db()
    assert tee.status == "unroutable" and tee.factory is None
    event = WorkOrderEvent.objects.get(work_order=tee, type="unroutable")
    assert event.data["reason_code"] == "all_capable_factories_declined"
    assert booked(best) == booked(second) == 0


def test_an_offer_not_accepted_within_the_sla_is_taken_back_and_offered_elsewhere(plants):
    best, second = plants
    [tee] = make_work_orders({"minutes": 60})
    work_orders_route(work_order_ids=[tee.pk])
    now = timezone.now()

    # Three hours later (SLA is 4 h) nothing expires; five hours later the offer does
    with freeze_time(now + timedelta(hours=3)):
        assert offers_expire() == []
    with freeze_time(now + timedelta(hours=5)):
        assert offers_expire() == [tee.pk]

    tee.refresh_from_db()
    assert tee.status == "pending" and tee.factory is None and booked(best) == 0
    event = WorkOrderEvent.objects.get(work_order=tee, type="offer_expired")
    assert event.data["factory"] == "best" and event.data["reason_code"] == "offer_timeout"

    work_orders_route(work_order_ids=[tee.pk])
    tee.refresh_from_db()
    assert tee.factory == second


def test_the_sla_is_per_factory(plants):
    best, _ = plants
    best.offer_sla_hours = 1
    best.save(update_fields=["offer_sla_hours"])
    [tee] = make_work_orders({"minutes": 60})
    work_orders_route(work_order_ids=[tee.pk])

    with freeze_time(timezone.now() + timedelta(minutes=61)):
        assert offers_expire() == [tee.pk]


def test_an_accepted_offer_never_expires(plants):
    best, _ = plants
    [tee] = make_work_orders({"minutes": 60})
    work_orders_route(work_order_ids=[tee.pk])
    work_order_accept(factory=best, work_order_id=tee.pk, actor="factory:best")

    with freeze_time(timezone.now() + timedelta(hours=10)):
        assert offers_expire() == []
    assert booked(best) == 60


def test_pausing_a_factory_reroutes_its_offered_and_unstarted_work_but_not_started_work(
    plants, django_capture_on_commit_callbacks
):
    best, second = plants
    offered, accepted, started = make_work_orders(*({"minutes": 30} for _ in range(3)))
    work_orders_route(work_order_ids=[offered.pk, accepted.pk, started.pk])
    for wo in (accepted, started):
        work_order_accept(factory=best, work_order_id=wo.pk, actor="factory:best")
    work_order_report(
        factory=best, work_order_id=started.pk, actor="factory:best", event="started", data={}
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        given_back = factory_set_status(
            factory_id=best.pk, status="paused", actor="staff:ops", reason="flood"
        )

    assert sorted(given_back) == sorted([offered.pk, accepted.pk])
    assert len(callbacks) == 1  # one routing task for the work given back
    assert booked(best) == 30  # only the started work keeps its minutes
    work_orders_route(work_order_ids=given_back)
    for wo in (offered, accepted, started):
        wo.refresh_from_db()
    assert offered.factory == second and offered.status == "offered"
    assert accepted.factory == second and accepted.status == "offered"
    assert started.factory == best and started.status == "in_production"
    event = WorkOrderEvent.objects.get(work_order=accepted, type="factory_unavailable")
    assert event.data == {"factory": "best", "factory_status": "paused", "reason": "flood"}


def test_a_paused_factory_gets_no_new_work_until_active_again(plants):
    best, second = plants
    factory_set_status(factory_id=best.pk, status="paused", actor="staff:ops")
    first, later = make_work_orders({"minutes": 10}, {"minutes": 10})

    work_orders_route(work_order_ids=[first.pk])
    factory_set_status(factory_id=best.pk, status="active", actor="staff:ops")
    work_orders_route(work_order_ids=[later.pk])

    first.refresh_from_db()
    later.refresh_from_db()
    assert (first.factory, later.factory) == (second, best)


def test_accepted_work_not_started_by_its_last_planned_day_is_flagged_once(plants):
    best, _ = plants
    [tee] = make_work_orders({"minutes": 60, "due": 6})
    work_orders_route(work_order_ids=[tee.pk])
    work_order_accept(factory=best, work_order_id=tee.pk, actor="factory:best")
    today = timezone.localdate()

    assert work_orders_flag_late(today=today) == []
    assert work_orders_flag_late(today=today + timedelta(days=1)) == [tee.pk]
    assert work_orders_flag_late(today=today + timedelta(days=2)) == []

    event = WorkOrderEvent.objects.get(work_order=tee, type="late_risk")
    assert event.data["planned_until"] == today.isoformat()
    assert event.to_status == "accepted"


def test_releasing_a_reservation_gives_the_minutes_back_once(plants):
    best, _ = plants
    [tee] = make_work_orders({"minutes": 60})
    work_orders_route(work_order_ids=[tee.pk])

    assert capacity_release(work_order_id=tee.pk) == 60
    assert capacity_release(work_order_id=tee.pk) == 0
    assert booked(best) == 0
    assert CapacityReservation.objects.get(work_order=tee).released_at is not None


def test_an_operator_can_withdraw_an_offer_and_it_goes_elsewhere(
    plants, django_capture_on_commit_callbacks
):
    best, second = plants
    [tee] = make_work_orders({"minutes": 60})
    work_orders_route(work_order_ids=[tee.pk])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        work_order_reroute(work_order_id=tee.pk, actor="staff:ops", reason="customer VIP")

    assert len(callbacks) == 1 and booked(best) == 0
    work_orders_route(work_order_ids=[tee.pk])
    tee.refresh_from_db()
    assert tee.factory == second


def test_accepted_work_cannot_be_rerouted_by_an_operator(plants):
    best, _ = plants
    [tee] = make_work_orders({"minutes": 60})
    work_orders_route(work_order_ids=[tee.pk])
    work_order_accept(factory=best, work_order_id=tee.pk, actor="factory:best")

    with pytest.raises(Conflict):
        work_order_reroute(work_order_id=tee.pk, actor="staff:ops")
