"""The dashboard on a small, hand-checked history (2026-03-01 … 2026-03-10).

Orders (tee at 79.00, lead 5 days):
  A li@x   placed 03-01 10:00, 94.00 (design service 10 + monogram customization 5 per unit),
           promised 03-05, shipped 03-04 10:00 → 3.0 days, on time
  B LI@x   placed 03-02 10:00, 79.00, not shipped
  C bob@x  placed 03-02 12:00, 2 × 79.00 (gift-wrap service 20 per unit), promised 03-06,
           shipped 03-07 12:00 → 5.0 days, late
  D bob@x  placed 02-20: outside the period
Work: wA offered P1, declined, re-offered P2, QC failed then passed, shipped; wB offered P1,
QC passed; wC offered P2, QC passed, shipped. Capacity 03-03: P1 240/480, P2 100/400.
Reservations: wA first on P2's day (idle), wC second on it, wB first on P1's day (idle).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from backoffice.selectors.dashboard import PLATFORM, dashboard_figures
from backoffice.selectors.dashboard.orders import Period
from orders.models import Order, OrderEvent, OrderLine
from production.models import (
    CapacityDay,
    CapacityReservation,
    WorkOrder,
    WorkOrderEvent,
)
from production.services.factory_actions import (
    work_order_accept,
    work_order_decline,
    work_order_report,
)
from production.services.work_orders import work_order_transition
from tests.backoffice.admin.conftest import planned_work_order
from tests.factories import PlantFactory

pytestmark = pytest.mark.django_db
PERIOD = Period(date(2026, 3, 1), date(2026, 3, 10))


def at(day: int, hour: int, month: int = 3) -> datetime:
    return timezone.make_aware(datetime(2026, month, day, hour))


def stamp(work_order: WorkOrder, when: datetime) -> None:
    """Date the work order's latest event."""
    latest = WorkOrderEvent.objects.filter(work_order=work_order).latest("pk")
    WorkOrderEvent.objects.filter(pk=latest.pk).update(created_at=when)


def order_of(work_order: WorkOrder, placed: datetime, promised: date | None, breakdown=None):
    Order.objects.filter(pk=work_order.order_id).update(created_at=placed, promised_date=promised)
    WorkOrder.objects.filter(pk=work_order.pk).update(created_at=placed, due_date=promised)
    if breakdown:
        OrderLine.objects.filter(order_id=work_order.order_id).update(price_breakdown=breakdown)


def offer(work_order, plant, when):
    work_order_transition(
        work_order_id=work_order.pk,
        event="offered",
        actor="system:router",
        data={"factory": plant.code},
        changes={"factory": plant},
    )
    stamp(work_order, when)


def report(work_order, plant, event, when, **data):
    work_order_report(factory=plant, work_order_id=work_order.pk, actor="t", event=event, data=data)
    stamp(work_order, when)


def ship(work_order, plant, when):
    report(work_order, plant, "shipped", when, carrier="SF", tracking_number=work_order.number)
    OrderEvent.objects.filter(order_id=work_order.order_id, to_status="shipped").update(
        created_at=when
    )


@pytest.fixture
def history(db):
    p1 = PlantFactory(code="p1")
    p2 = PlantFactory(code="p2")
    wa = planned_work_order(email="li@x.example")
    order_of(
        wa,
        at(1, 10),
        date(2026, 3, 5),
        [
            {"label": "Base price", "amount": "79.00"},
            {"kind": "service", "label": "Design service", "amount": "10.00"},
            {"kind": "customization", "label": "Monogram", "amount": "5.00"},
        ],
    )
    Order.objects.filter(pk=wa.order_id).update(total=Decimal("94.00"))
    wb = planned_work_order(email="LI@x.example")
    order_of(wb, at(2, 10), date(2026, 3, 9))
    wc = planned_work_order(email="bob@x.example")
    order_of(
        wc,
        at(2, 12),
        date(2026, 3, 6),
        [
            {"label": "Base price", "amount": "59.00"},
            {"kind": "service", "label": "Gift wrap", "amount": "20.00"},
        ],
    )
    OrderLine.objects.filter(order_id=wc.order_id).update(quantity=2)
    Order.objects.filter(pk=wc.order_id).update(total=Decimal("158.00"))
    wd = planned_work_order(email="bob@x.example")
    order_of(wd, at(20, 10, month=2), date(2026, 2, 25))

    offer(wa, p1, at(1, 11))
    work_order_decline(factory=p1, work_order_id=wa.pk, actor="t", reason_code="price")
    stamp(wa, at(1, 12))
    offer(wa, p2, at(1, 13))
    work_order_accept(factory=p2, work_order_id=wa.pk, actor="t")
    report(wa, p2, "started", at(2, 9))
    report(wa, p2, "qc_failed", at(3, 9), reason="seam")
    report(wa, p2, "rework", at(3, 12))
    report(wa, p2, "qc_passed", at(3, 15))
    ship(wa, p2, at(4, 10))

    offer(wb, p1, at(2, 11))
    work_order_accept(factory=p1, work_order_id=wb.pk, actor="t")
    report(wb, p1, "started", at(3, 9))
    report(wb, p1, "qc_passed", at(4, 9))

    offer(wc, p2, at(2, 13))
    work_order_accept(factory=p2, work_order_id=wc.pk, actor="t")
    report(wc, p2, "started", at(3, 10))
    report(wc, p2, "qc_passed", at(5, 10))
    ship(wc, p2, at(7, 12))

    day1 = CapacityDay.objects.create(
        factory=p1,
        centre_type="dtg",
        day=date(2026, 3, 3),
        available_minutes=480,
        reserved_minutes=240,
    )
    day2 = CapacityDay.objects.create(
        factory=p2,
        centre_type="dtg",
        day=date(2026, 3, 3),
        available_minutes=400,
        reserved_minutes=100,
    )
    CapacityDay.objects.create(
        factory=p2,
        centre_type="dtg",
        day=date(2026, 3, 20),
        available_minutes=400,
        reserved_minutes=400,
    )
    for work_order, day, when in [
        (wa, day2, at(1, 13)),
        (wc, day2, at(2, 13)),
        (wb, day1, at(2, 11)),
    ]:
        reservation = CapacityReservation.objects.create(
            work_order=work_order, capacity_day=day, minutes=50
        )
        CapacityReservation.objects.filter(pk=reservation.pk).update(created_at=when)


def test_platform_figures(history):
    figures = dashboard_figures(PERIOD)

    assert figures["orders_per_day"] == {date(2026, 3, 1): 1, date(2026, 3, 2): 2}
    assert figures["lead"] == {
        "count": 2,
        "avg_days": 4.0,
        "p90_days": 4.8,
        "on_time": 1,
        "on_time_rate": 0.5,
    }
    # Services only (design 10 + gift wrap 2 × 20); A's monogram customization is goods.
    assert figures["revenue"] == {
        "service": Decimal("50.00"),
        "total": Decimal("381.00"),  # 94 + 129 (a plain brushed tumbler) + 158
        "share": 0.1312,
    }
    # li ordered A then B; bob's C came 10 days after D (before the period): both repeat.
    assert figures["repurchase"] == {"customers": 2, "repeat": 2, "rate": 1.0}
    assert figures["idle"] == {"orders": 3, "idle": 2, "share": 0.6667}
    platform = figures["factories"][PLATFORM]
    assert platform["decline_rate"] == 0.25
    assert platform["reroute_rate"] == 0.25
    assert platform["qc_failure_rate"] == 0.25
    assert platform["utilization"] == 0.3864


def test_per_factory_figures(history):
    factories = dashboard_figures(PERIOD)["factories"]

    p1, p2 = factories["p1"], factories["p2"]
    assert (p1["offered"], p1["declined"], p1["decline_rate"]) == (2, 1, 0.5)
    assert (p2["offered"], p2["reoffered"], p2["reroute_rate"]) == (2, 1, 0.5)
    assert p1["qc_failure_rate"] == 0.0
    assert p2["qc_failure_rate"] == 0.3333
    assert (p2["shipped"], p2["on_time_rate"]) == (2, 0.5)
    assert (p2["avg_lead_days"], p2["p90_lead_days"]) == (4.0, 4.8)
    assert (p1["utilization"], p2["utilization"]) == (0.5, 0.25)


def test_dashboard_page_draws_charts(history, operator, django_assert_max_num_queries):
    from tests.backoffice.admin.conftest import logged_in

    client = logged_in(operator)
    # The figures (10), the measures for two periods (2 × 9), what needs attention (4),
    # the session, the user and the admin's own lookups: fixed, whatever the history.
    with django_assert_max_num_queries(60):
        page = client.get(
            reverse("c2m_admin:dashboard"), {"start": "2026-03-01", "end": "2026-03-10"}
        )

    body = page.content.decode()
    # Four figures' charts and one per measure (seven).
    assert body.count('<svg xmlns="http://www.w3.org/2000/svg" viewBox') == 11
    assert "13%" in body  # service revenue share
    assert "<polyline" in body


def test_bad_period_is_a_message(operator):
    from tests.backoffice.admin.conftest import logged_in

    page = logged_in(operator).get(
        reverse("c2m_admin:dashboard"), {"start": "2026-03-10", "end": "2026-03-01"}
    )

    assert page.status_code == 200
    assert b"must start before it ends" in page.content
