"""Hand-solved routing instances through the database: the router's observable choices."""

import pytest
from django.db import transaction
from django.utils import timezone

from production.models import CapacityDay, RoutingDecision, WorkOrder, WorkOrderEvent
from production.services.routing import work_orders_route
from tests.production.routing_service.conftest import make_plant, make_work_orders

pytestmark = pytest.mark.django_db


def reserved(plant) -> dict[int, int]:
    """Minutes booked at the plant by day offset from today."""
    today = timezone.localdate()
    return {
        (row.day - today).days: row.reserved_minutes
        for row in CapacityDay.objects.filter(factory=plant, reserved_minutes__gt=0)
    }


def test_a_cheaper_plant_without_the_capability_is_never_offered_the_work():
    # Given a cheap laser shop and a dearer DTG printer, and a T-shirt to print
    laser = make_plant("laser", rate="0.10", capabilities=("laser_engrave", "qc", "pack"))
    printer = make_plant("printer", rate="2.00")
    [tee] = make_work_orders({"minutes": 60})

    # When the router runs
    outcome = work_orders_route(work_order_ids=[tee.pk])

    # Then the printer gets it and the explanation says why the laser shop did not
    tee.refresh_from_db()
    assert outcome["offered"] == 1 and tee.status == "offered" and tee.factory == printer
    decision = RoutingDecision.objects.get(work_order=tee)
    why = {c["factory"]: c for c in decision.candidates}
    assert why["printer"]["chosen"] and why["printer"]["total"] == "120.00"
    assert why["laser"]["chosen"] is False
    assert why["laser"]["why"] == "lacks a required capability or work-centre type"
    assert reserved(laser) == {}


def test_capacity_is_booked_by_day_and_work_that_does_not_fit_goes_to_the_next_plant():
    # Given a cheap plant with 100 minutes a day and a dear one with plenty
    cheap = make_plant("cheap", minutes=100, rate="1.00")
    dear = make_plant("dear", minutes=1000, rate="3.00")
    # And 300 minutes due in two days (exactly the cheap plant's days 0..2) and 100 more
    big, small = make_work_orders({"minutes": 300, "due": 2}, {"minutes": 100, "due": 2})

    work_orders_route(work_order_ids=[big.pk, small.pk])

    big.refresh_from_db()
    small.refresh_from_db()
    # Then the optimum fills the cheap plant with the big one (saving 2 x 300 vs 2 x 100)
    assert (big.factory, small.factory) == (cheap, dear)
    assert reserved(cheap) == {0: 100, 1: 100, 2: 100}
    assert reserved(dear) == {0: 100}
    assert sum(r.minutes for r in big.reservations.all()) == 300
    offered = WorkOrderEvent.objects.get(work_order=big, type="offered").data
    assert offered["factory"] == "cheap" and offered["city"] == "Shenzhen"
    assert offered["costs"]["production"] == "300.00"


def test_a_due_date_the_cheap_plant_cannot_meet_sends_the_work_to_a_faster_one():
    cheap = make_plant("cheap", minutes=100, rate="1.00")
    fast = make_plant("fast", minutes=500, rate="4.00")
    [urgent] = make_work_orders({"minutes": 300, "due": 1})  # cheap has 200 by day 1

    work_orders_route(work_order_ids=[urgent.pk])

    urgent.refresh_from_db()
    assert urgent.factory == fast
    decision = RoutingDecision.objects.get(work_order=urgent)
    cheap_row = next(c for c in decision.candidates if c["factory"] == "cheap")
    assert cheap_row["why"] == "not enough free capacity on the days before the due date"
    assert reserved(cheap) == {}


def test_work_no_plant_can_make_in_time_is_unroutable_with_the_reason_for_operators():
    make_plant("small", minutes=100)
    [late] = make_work_orders({"minutes": 1000, "due": 2})

    outcome = work_orders_route(work_order_ids=[late.pk])

    late.refresh_from_db()
    assert outcome["unroutable"] == 1 and late.status == "unroutable"
    event = WorkOrderEvent.objects.get(work_order=late, type="unroutable")
    assert event.data["reason_code"] == "no_capacity_before_due_date"
    assert "free minutes" in event.data["reason"]
    decision = RoutingDecision.objects.get(work_order=late)
    assert decision.outcome == "unroutable"
    assert decision.reason_code == "no_capacity_before_due_date"


def test_work_no_plant_is_capable_of_is_unroutable_and_a_later_sweep_does_not_repeat_it():
    make_plant("laser", capabilities=("laser_engrave", "qc", "pack"))
    [tee] = make_work_orders({"minutes": 30})

    work_orders_route(work_order_ids=[tee.pk])
    again = work_orders_route(include_pending=True)

    tee.refresh_from_db()
    assert tee.status == "unroutable" and again["still_unroutable"] == 1
    event = WorkOrderEvent.objects.get(work_order=tee, type="unroutable")
    assert event.data["reason_code"] == "no_capable_factory"


def test_an_unroutable_work_order_is_offered_once_capacity_appears():
    [tee] = make_work_orders({"minutes": 30})
    work_orders_route(work_order_ids=[tee.pk])
    plant = make_plant("new-plant")

    work_orders_route(include_pending=True)

    tee.refresh_from_db()
    assert tee.status == "offered" and tee.factory == plant


def test_a_quantity_no_plant_can_make_alone_in_time_is_split_across_plants():
    # Given two plants with 150 minutes a day each, and 10 units taking 400 minutes by day 1
    east = make_plant("east", minutes=150, rate="1.00")
    west = make_plant("west", minutes=150, rate="1.50")
    [line] = make_work_orders({"minutes": 400, "due": 1, "quantity": 10})

    outcome = work_orders_route(work_order_ids=[line.pk])

    # Then it is split into parts of the same order line, each offered to one plant
    parts = list(WorkOrder.objects.filter(order_line_id=line.order_line_id).order_by("part"))
    assert outcome["split"] == 1
    assert [p.part for p in parts] == [1, 2]
    assert sum(p.quantity for p in parts) == 10
    assert {p.factory for p in parts} == {east, west}
    assert all(p.status == "offered" and p.order_id == line.order_id for p in parts)
    # Booked minutes follow the quantities and never exceed a day
    for part in parts:
        booked = sum(r.minutes for r in part.reservations.all())
        assert booked >= 400 * part.quantity / 10
    assert all(row.reserved_minutes <= row.available_minutes for row in CapacityDay.objects.all())
    # And the customer's timeline shows both parts being offered, on the one order
    from orders.models import OrderEvent

    codes = OrderEvent.objects.filter(order_id=line.order_id, code="offered")
    assert sorted(e.data["work_order"] for e in codes) == sorted(p.number for p in parts)
    decision = RoutingDecision.objects.get(work_order=parts[0])
    assert decision.outcome == "split"
    assert sorted(a["work_order"] for a in decision.assignments) == [p.number for p in parts]


def test_the_same_input_and_seed_give_the_same_assignments():
    for code, rate in (("a", "1.00"), ("b", "1.00"), ("c", "1.00")):
        make_plant(code, minutes=200, rate=rate)
    work_orders = make_work_orders(*({"minutes": 90 + 7 * i, "due": 3} for i in range(8)))
    ids = [wo.pk for wo in work_orders]

    def run() -> dict[int, str]:
        with transaction.atomic():
            work_orders_route(work_order_ids=ids, seed=7)
            got = dict(WorkOrder.objects.filter(pk__in=ids).values_list("pk", "factory__code"))
            transaction.set_rollback(True)
        return got

    first, second = run(), run()

    assert first == second
    assert all(first.values())
    assert len(set(first.values())) > 1  # ties between equal plants are broken, not piled up


def test_stored_explanations_list_every_candidate_cheapest_first_with_costs():
    make_plant("a", rate="1.00")
    make_plant("b", rate="2.00")
    make_plant("c", rate="3.00", status="paused")
    [tee] = make_work_orders({"minutes": 10})

    work_orders_route(work_order_ids=[tee.pk])

    decision = RoutingDecision.objects.get(work_order=tee)
    assert decision.chosen_factory.code == "a" and decision.method
    rows = decision.candidates
    assert [r["factory"] for r in rows] == ["a", "b", "c"]
    assert rows[0]["why"].startswith("chosen")
    assert rows[1]["why"] == "costs 10.00 more than the chosen factory"
    assert rows[2]["why"] == "factory is not active"
    assert set(rows[0]) >= {
        "production_cost",
        "shipping_cost",
        "lateness_penalty",
        "quality_bonus",
        "total",
    }
    assert decision.assignments[0]["delivery_date"] == timezone.localdate().isoformat()


def test_an_already_offered_work_order_is_left_alone():
    make_plant("a")
    [tee] = make_work_orders({"minutes": 10})
    work_orders_route(work_order_ids=[tee.pk])

    outcome = work_orders_route(work_order_ids=[tee.pk], include_pending=True)

    assert sum(outcome.values()) == 0
    assert WorkOrderEvent.objects.filter(work_order=tee, type="offered").count() == 1
