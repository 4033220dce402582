"""A synthetic production history for demos, screenshots and benchmarks; never for real data.

Written with bulk inserts that bypass the services, so a year of history takes a minute:
orders with one line each (six in ten with a design-service fee) from customers who often
come back, and their timelines (nine in ten delivered); a work order per order, with its
carbon footprint, at one of the given factories (one in twelve with a second part made at
another plant) with its events (one in ten declined by
another factory first and then re-offered, one in twenty failing QC, shipped two to eight
days after planning); a capacity day per factory and day; and a reservation per work order a
few days ahead on its factory's capacity (declined ones released). Rows go in roughly in
time order, as in a live table, or (``shuffled``) in random order, the worst case for
reading one month: its rows are then spread over the whole table.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import cast

from django.db.models import DateTimeField
from django.utils import timezone

from orders.models import Order, OrderEvent, OrderLine
from production.models import CapacityDay, CapacityReservation, Factory, WorkOrder, WorkOrderEvent

BATCH = 5000
HOUR = timedelta(hours=1)
CENTRE = "dtg"
DESIGNED = [
    {"label": "Base price", "amount": "79.00"},
    {"kind": "service", "label": "Design", "amount": "20.00"},
]
PLAIN = [{"label": "Base price", "amount": "99.00"}]
Capacity = dict[tuple[int, date], CapacityDay]


def history_seed(
    *,
    factories: Sequence[Factory],
    orders: int,
    days: int,
    until: date | None = None,
    seed: int = 7,
    shuffled: bool = False,
    progress: bool = False,
) -> None:
    """Add ``orders`` orders placed over the ``days`` days up to ``until`` (today)."""
    rng = random.Random(seed)
    first_day = (until or timezone.localdate()) - timedelta(days - 1)
    start = timezone.make_aware(datetime.combine(first_day, datetime.min.time()))
    capacity = _capacity(factories, first_day, days + 30, rng)
    seconds = [rng.randint(0, days * 86400 - 1) for _ in range(orders)]
    if not shuffled:
        seconds.sort()
    with _stamped_by_hand():
        for first in range(0, orders, BATCH):
            placed = [start + timedelta(seconds=s) for s in seconds[first : first + BATCH]]
            _orders(f"H{seed}-{first:07d}", placed, factories, capacity, rng, orders)
            if progress:
                print(f"  seeded {first + len(placed)} orders", flush=True)


def _capacity(
    factories: Sequence[Factory], first_day: date, days: int, rng: random.Random
) -> Capacity:
    CapacityDay.objects.bulk_create(
        (
            CapacityDay(
                factory=f,
                centre_type=CENTRE,
                day=first_day + timedelta(d),
                available_minutes=4800,
                reserved_minutes=int(4800 * (0.45 + 0.4 * rng.random())),
            )
            for f in factories
            for d in range(days)
        ),
        ignore_conflicts=True,
    )
    rows = CapacityDay.objects.filter(factory__in=factories, centre_type=CENTRE, day__gte=first_day)
    return {(day.factory_id, day.day): day for day in rows}


def _orders(
    prefix: str,
    placed: list[datetime],
    factories: Sequence[Factory],
    capacity: Capacity,
    rng: random.Random,
    total: int,
) -> None:
    orders = Order.objects.bulk_create(
        Order(
            number=f"{prefix}-{i:04d}",
            email=f"c{rng.randint(0, max(total // 2, 1))}@x.example",
            status="shipped",
            total=Decimal("99.00"),
            subtotal=Decimal("99.00"),
            tracking_token=f"history-{prefix}-{i}",
            promised_date=(p + timedelta(7)).date(),
            created_at=p,
        )
        for i, p in enumerate(placed)
    )
    lines = OrderLine.objects.bulk_create(
        OrderLine(
            order=o,
            line_no=1,
            product_sku="tee",
            product_name="Tee",
            configuration_hash="h",
            configuration={},
            quantity=1,
            unit_price=Decimal("99.00"),
            line_total=Decimal("99.00"),
            price_breakdown=DESIGNED if rng.random() < 0.6 else PLAIN,
        )
        for o in orders
    )
    shipped = {o.pk: o.created_at + timedelta(hours=rng.randint(48, 200)) for o in orders}
    # Nine in ten parcels reported delivered half a day to three days after shipping.
    delivered = {
        pk: at + timedelta(hours=rng.randint(12, 72))
        for pk, at in shipped.items()
        if rng.random() < 0.9
    }
    timeline: list[OrderEvent] = []
    for o in orders:
        timeline += [
            OrderEvent(
                order=o,
                kind="status",
                code="placed",
                to_status="placed",
                actor="history",
                created_at=o.created_at,
            ),
            OrderEvent(
                order=o,
                kind="status",
                code="shipped",
                from_status="placed",
                to_status="shipped",
                actor="history",
                created_at=shipped[o.pk],
            ),
        ]
        if o.pk in delivered:
            timeline.append(
                OrderEvent(
                    order=o,
                    kind="status",
                    code="delivered",
                    from_status="shipped",
                    to_status="delivered",
                    actor="history",
                    created_at=delivered[o.pk],
                )
            )
    OrderEvent.objects.bulk_create(timeline)
    work_orders = WorkOrder.objects.bulk_create(
        WorkOrder(
            number=f"WH-{o.number}",
            order_id=o.pk,
            order_number=o.number,
            order_line_id=line.pk,
            status="shipped",
            factory=rng.choice(factories),
            product_sku="tee",
            product_name="Tee",
            quantity=1,
            due_date=o.promised_date,  # type: ignore[misc]  # every demo order is promised
            snapshot={},
            content_hash="h",
            carbon=_footprint(rng),
            created_at=o.created_at,
        )
        for o, line in zip(orders, lines, strict=True)
    )
    # About one order in twelve had a second part made at another plant (a split line).
    if len(factories) > 1:
        WorkOrder.objects.bulk_create(
            WorkOrder(
                number=f"WH-{wo.order_number}-2",
                order_id=wo.order_id,
                order_number=wo.order_number,
                order_line_id=wo.order_line_id,
                part=2,
                status="shipped",
                factory=rng.choice([f for f in factories if f != wo.factory]),
                product_sku="tee",
                product_name="Tee",
                quantity=1,
                due_date=wo.due_date,
                snapshot={},
                content_hash="h",
                carbon=_footprint(rng),
                created_at=wo.created_at,
            )
            for wo in work_orders
            if rng.random() < 0.08
        )
    events: list[WorkOrderEvent] = []
    reservations: list[CapacityReservation] = []
    for work_order in work_orders:
        _work(work_order, factories, capacity, rng, events, reservations)
    WorkOrderEvent.objects.bulk_create(events)
    CapacityReservation.objects.bulk_create(reservations)


def _footprint(rng: random.Random) -> dict[str, object]:
    """A DTG tee's footprint as the estimate would put it (cotton blank and ink; 8 to 14
    press minutes at 1.5 kW on the Southern grid; a parcel of 0.2 kg over 1,000-2,000 km);
    a third with the plant's measured energy."""
    materials = Decimal("1.512")
    energy = (Decimal(rng.randint(8, 14)) / 60 * Decimal("1.5") * Decimal("0.3869")).quantize(
        Decimal("0.001")
    )
    transport = (Decimal("0.0002") * rng.randint(1000, 2000) * Decimal("0.11")).quantize(
        Decimal("0.001")
    )
    return {
        "materials_kg": str(materials),
        "energy_kg": str(energy),
        "transport_kg": str(transport),
        "total_kg": str(materials + energy + transport),
        "energy_measured": rng.random() < 0.33,
    }


def _work(
    work_order: WorkOrder,
    factories: Sequence[Factory],
    capacity: Capacity,
    rng: random.Random,
    events: list[WorkOrderEvent],
    reservations: list[CapacityReservation],
) -> None:
    """A work order's events and reservations: planned, maybe declined, made, shipped."""
    at = work_order.created_at
    day = at.date() + timedelta(rng.randint(1, 4))
    steps: list[tuple[str, str, str, Factory | None]] = [("planned", "", "pending", None)]
    if rng.random() < 0.1 and len(factories) > 1:
        other = rng.choice([f for f in factories if f != work_order.factory])
        steps += [
            ("offered", "pending", "offered", other),
            ("declined", "offered", "pending", other),
        ]
        reservations.append(
            CapacityReservation(
                work_order=work_order,
                capacity_day=capacity[other.pk, day],
                minutes=30,
                created_at=at + HOUR,
                released_at=at + 2 * HOUR,
            )
        )
    factory = work_order.factory
    assert factory is not None  # every history work order went to a plant
    steps += [
        ("offered", "pending", "offered", factory),
        ("accepted", "offered", "accepted", factory),
        ("started", "accepted", "in_production", factory),
    ]
    if rng.random() < 0.05:  # failed QC, reprinted, checked again
        steps += [
            ("qc_failed", "in_production", "qc_failed", factory),
            ("reprint", "qc_failed", "in_production", factory),
        ]
    steps.append(("qc_passed", "in_production", "qc_passed", factory))
    events += [
        WorkOrderEvent(
            work_order=work_order,
            type=kind,
            from_status=before,
            to_status=after,
            actor="history",
            data={"factory": plant.code} if plant else {},
            created_at=at + (n + 1) * HOUR,
        )
        for n, (kind, before, after, plant) in enumerate(steps)
    ]
    events.append(
        WorkOrderEvent(
            work_order=work_order,
            type="shipped",
            from_status="qc_passed",
            to_status="shipped",
            actor="history",
            data={"carrier": "SF"},
            created_at=at + timedelta(hours=rng.randint(48, 192)),
        )
    )
    reservations.append(
        CapacityReservation(
            work_order=work_order,
            capacity_day=capacity[factory.pk, day],
            minutes=30,
            created_at=at + len(steps) * HOUR,
        )
    )


@contextmanager
def _stamped_by_hand() -> Iterator[None]:
    """Let bulk_create keep the created_at values given (no auto_now_add)."""
    models = [Order, OrderEvent, WorkOrder, WorkOrderEvent, CapacityReservation]
    fields = [cast(DateTimeField, model._meta.get_field("created_at")) for model in models]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field in fields:
            field.auto_now_add = True
