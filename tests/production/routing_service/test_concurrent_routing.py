"""Two routing runs at once, on PostgreSQL, never overbook a factory's day."""

import threading

import pytest
from django.db import connection
from django.db.models import Sum

from production.models import CapacityDay, CapacityReservation, WorkOrder, WorkOrderEvent
from production.services.routing import work_orders_route
from tests.production.routing_service.conftest import make_plant, make_work_orders

pytestmark = pytest.mark.django_db(transaction=True)


def run_concurrently(*targets) -> list[BaseException]:
    barrier = threading.Barrier(len(targets))
    errors: list[BaseException] = []

    def run(target) -> None:
        try:
            barrier.wait()
            target()
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_two_routers_at_once_never_overbook_a_day_and_offer_each_work_order_once():
    # Given tight capacity: two plants with 100 minutes a day, 600 by the due date
    plants = [make_plant(code, minutes=100) for code in ("east", "west")]
    # And more work than fits: 14 x 50 minutes
    work_orders = make_work_orders(*({"minutes": 50, "due": 2} for _ in range(14)))
    ids = [wo.pk for wo in work_orders]
    outcomes: list[dict] = []

    # When two routing runs plan at once: one overlapping (all), one with half of them,
    # each believing the free minutes are its own
    errors = run_concurrently(
        lambda: outcomes.append(work_orders_route(work_order_ids=ids, seed=1)),
        lambda: outcomes.append(work_orders_route(work_order_ids=ids[::2], seed=2)),
    )

    # Then nothing escaped (no check-constraint violation, no deadlock)
    assert errors == []
    assert_never_overbooked(plants)
    # And each work order was offered at most once; the losers were left whole
    assert_offered_once(ids)
    # And the next sweep places what still fits and explains the rest
    work_orders_route(include_pending=True)
    assert_never_overbooked(plants)
    assert_offered_once(ids)
    statuses = sorted(WorkOrder.objects.filter(pk__in=ids).values_list("status", flat=True))
    assert statuses == ["offered"] * 12 + ["unroutable"] * 2  # 600 / 50 = 12


def assert_never_overbooked(plants) -> None:
    for day in CapacityDay.objects.filter(factory__in=plants):
        assert day.reserved_minutes <= day.available_minutes
        open_minutes = CapacityReservation.objects.filter(
            capacity_day=day, released_at__isnull=True
        ).aggregate(total=Sum("minutes"))["total"]
        assert day.reserved_minutes == (open_minutes or 0)


def assert_offered_once(ids) -> None:
    for wo in WorkOrder.objects.filter(pk__in=ids):
        offers = WorkOrderEvent.objects.filter(work_order=wo, type="offered").count()
        assert offers == (1 if wo.status == "offered" else 0)
        booked = CapacityReservation.objects.filter(work_order=wo, released_at__isnull=True)
        assert sum(r.minutes for r in booked) == (50 if wo.status == "offered" else 0)


def test_a_run_that_lost_the_capacity_leaves_the_work_pending_for_the_next_sweep():
    # Given one plant with 200 minutes by the due date and two work orders of 150 each
    plant = make_plant("only", minutes=100)
    work_orders = make_work_orders(*({"minutes": 150, "due": 1} for _ in range(2)))
    ids = [wo.pk for wo in work_orders]
    outcomes: list[dict] = []

    # When two runs route one each at the same time
    errors = run_concurrently(
        lambda: outcomes.append(work_orders_route(work_order_ids=ids[:1])),
        lambda: outcomes.append(work_orders_route(work_order_ids=ids[1:])),
    )

    # Then one is offered, the other lost the race (pending) or saw the booking (unroutable)
    assert errors == []
    statuses = sorted(WorkOrder.objects.filter(pk__in=ids).values_list("status", flat=True))
    assert statuses in (["offered", "pending"], ["offered", "unroutable"])
    assert (
        CapacityDay.objects.filter(factory=plant).aggregate(t=Sum("reserved_minutes"))["t"] == 150
    )
    # And the next sweep gives the loser an honest answer instead of a silent stall
    work_orders_route(include_pending=True)
    loser = WorkOrder.objects.filter(pk__in=ids).exclude(status="offered").get()
    assert loser.status == "unroutable"
    assert all(
        d.reserved_minutes <= d.available_minutes for d in CapacityDay.objects.filter(factory=plant)
    )
