"""The service-manufacturing measures against a hand-computed history, placed through the
services on the days below (the clock is set to each day), for March 2026 and the 31 days
before it (29 Jan – 28 Feb).

Customers and their orders (each one plain brushed tumbler unless said; paid at once):
  alice  O1 2025-06-10, O2 2026-03-05            → ordered again within 12 months
  bob    O3 2025-01-10, O4 2026-03-06            → 420 days apart: not a repurchase
  carol  O5 2026-03-07, O6 2026-03-20 (2 units)  → ordered again
  dave   O7 2026-02-10                           → the previous period's only customer
Repurchase in March: alice and carol of alice, bob, carol = 2/3 (counting only two orders
inside the period, as the dashboard did, said 1/3). February: 0 of 1.

Plants: A (Shenzhen, from 1 Mar) and B (Shenzhen, from 20 Mar), each publishing 10 minutes
a day on its packing and QC benches. O2, O4, O5 go to A (the only plant then). O6 is split
into two parts of one unit; the plant first offered the second part declines it, so it is
re-routed to the other plant: O6 is made by two plants. Cross-plant: 1 of 4 orders.

On time against the promise (the promised dates are the checkout's, read back):
  O2 delivered the day before its promise, O6 on its promised day: on time;
  O4 delivered two days late, O5 never delivered: late. March: 2 of 4. February: O7 was
  never delivered: 0 of 1.

Capacity: each work order of one tumbler books 2 packing + 1 QC minutes (1.3 and 0.3
rounded up); five work orders book 15 minutes of A's 31 days × 2 × 10 = 620 and B's
12 days × 2 × 10 = 240 published minutes: 15 / 860.

Carbon: one tumbler made in Shenzhen and sent to Shanghai is 2.318 kg CO2e (see
tests/production/api/test_carbon.py); O2, O4, O5 one each, O6 two: 11.590 kg over 4
orders, 2.898 kg per order.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from freezegun import freeze_time

from backoffice.selectors.dashboard.measures import measures, previous_period
from backoffice.selectors.dashboard.orders import Period, line_service_fees
from orders.models import Order, OutboxMessage
from production.models import WorkOrder
from production.services.factory_actions import (
    work_order_accept,
    work_order_decline,
    work_order_report,
)
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from production.services.splits import work_order_split
from tests.factories import PlantFactory, demo_product, place_order, plant_capacity

pytestmark = pytest.mark.django_db
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def at(day: str, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.fromisoformat(day) + timedelta(hours=hour))


def plant(code: str):
    made = PlantFactory(code=code, minutes_per_day=0)
    return plant_capacity(made, minutes_per_day=10, centres=["packing", "qc_bench"], days=31)


def order(clock, day: str, email: str, quantity: int = 1) -> Order:
    clock.move_to(at(day))
    return place_order(demo_product(), {"finish": "brushed"}, quantity=quantity, email=email)


def plan(placed: Order) -> list[int]:
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=placed.pk)
    return orders_plan(message_ids=[message.pk])


def deliver(clock, work_order_id: int, day: date) -> None:
    clock.move_to(at(day.isoformat(), 9))
    wo = WorkOrder.objects.get(pk=work_order_id)
    work_order_accept(factory=wo.factory, work_order_id=wo.pk, actor="t")
    for event, data in [
        ("started", {}),
        ("qc_passed", {}),
        ("shipped", {"carrier": "SF", "tracking_number": wo.number}),
        ("delivered", {"tracking_number": wo.number}),
    ]:
        work_order_report(
            factory=wo.factory, work_order_id=wo.pk, actor="t", event=event, data=data
        )


@pytest.fixture
def history(db):
    with freeze_time(at("2025-01-10")) as clock:
        order(clock, "2025-01-10", "bob@x.example")
        order(clock, "2025-06-10", "alice@x.example")
        o7 = order(clock, "2026-02-10", "dave@x.example")
        plan(o7)  # planned, never routed: no plant had room then

        clock.move_to(at("2026-03-01", 8))
        plant_a = plant("sz-a")
        made = {}
        for name, day, email in [
            ("o2", "2026-03-05", "Alice@x.example"),
            ("o4", "2026-03-06", "bob@x.example"),
            ("o5", "2026-03-07", "carol@x.example"),
        ]:
            placed = order(clock, day, email)
            [made[name]] = plan(placed)
            work_orders_route(work_order_ids=[made[name]])
            made[name + "_promise"] = Order.objects.get(pk=placed.pk).promised_date
        assert set(
            WorkOrder.objects.filter(pk__in=[made["o2"], made["o4"], made["o5"]]).values_list(
                "factory", flat=True
            )
        ) == {plant_a.pk}

        clock.move_to(at("2026-03-20", 8))
        plant("sz-b")
        o6 = order(clock, "2026-03-20", "carol@x.example", quantity=2)
        [whole] = plan(o6)
        one, two = work_order_split(work_order_id=whole, quantities=[1, 1], actor="operator")
        work_orders_route(work_order_ids=[one.pk, two.pk])
        one.refresh_from_db()
        two.refresh_from_db()
        if one.factory_id == two.factory_id:
            work_order_decline(
                factory=two.factory, work_order_id=two.pk, actor="t", reason_code="no_capacity"
            )
            work_orders_route(work_order_ids=[two.pk])
        o6_promise = Order.objects.get(pk=o6.pk).promised_date

        deliver(clock, made["o2"], made["o2_promise"] - timedelta(days=1))
        deliver(clock, made["o4"], made["o4_promise"] + timedelta(days=2))
        deliver(clock, one.pk, o6_promise)
        deliver(clock, two.pk, o6_promise)
        clock.move_to(at("2026-04-02"))
        yield measures(period=MARCH)


def test_the_previous_period_is_as_long_and_just_before():
    assert previous_period(MARCH) == Period(date(2026, 1, 29), date(2026, 2, 28))


def test_repurchase_counts_an_earlier_order_within_twelve_months(history):
    assert history["repurchase"]["current"] == {"customers": 3, "repeat": 2, "rate": 0.6667}
    assert history["repurchase"]["previous"] == {"customers": 1, "repeat": 0, "rate": 0.0}


def test_on_time_is_against_the_promise_and_undelivered_late_work_counts(history):
    assert history["on_time"]["current"] == {"due": 4, "on_time": 2, "rate": 0.5}
    assert history["on_time"]["previous"] == {"due": 1, "on_time": 0, "rate": 0.0}


def test_an_order_made_by_two_plants_is_a_collaboration(history):
    assert history["collaboration"]["current"] == {
        "orders": 4,
        "several_plants": 1,
        "share": 0.25,
    }
    assert history["collaboration"]["previous"]["orders"] == 0


def test_capacity_use_is_booked_over_published_minutes(history):
    use = history["capacity_use"]["current"]
    assert (use["booked"], use["published"], use["share"]) == (15, 860, 0.0174)
    cells = {(c["factory"], c["centre_type"]): c["published"] for c in use["cells"]}
    assert cells == {
        ("sz-a", "packing"): 310,
        ("sz-a", "qc_bench"): 310,
        ("sz-b", "packing"): 120,
        ("sz-b", "qc_bench"): 120,
    }


def test_carbon_per_order_sums_each_orders_work(history):
    carbon = history["carbon"]["current"]
    assert carbon["orders"] == 4
    assert carbon["total_kg"] == Decimal("11.590")
    assert carbon["per_order_kg"] == Decimal("2.898")
    assert carbon["parts_kg"]["materials_kg"] == Decimal("11.250")  # 5 × 2.250


def test_service_revenue_counts_only_entries_of_kind_service(history):
    # The catalogue sells no service yet: the tumblers' breakdowns have none.
    revenue = history["service_revenue"]["current"]
    assert revenue["service"] == Decimal("0")
    assert revenue["total"] == sum(
        Order.objects.filter(created_at__gte=MARCH.since, created_at__lt=MARCH.until).values_list(
            "total", flat=True
        )
    )
    breakdown = [
        {"kind": "base", "amount": "79.00"},
        {"kind": "service", "label": "Gift wrap", "amount": "20.00"},
        {"kind": "service", "label": "Design help", "amount": "35.00", "per_unit": False},
        {"kind": "surcharge", "amount": "5.00"},
    ]
    assert line_service_fees(quantity=2, breakdown=breakdown) == Decimal("75.00")
