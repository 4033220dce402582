"""The partner network as the routing optimizer sees it: rates, free minutes, queue room."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from django.db.models import Count, Q

import routing
from production.models import CapacityDay, Factory, FactoryStatus
from production.models.work_order_status import OPEN

HORIZON_DAYS = 60


def network_factories(
    *,
    today: date,
    materials: Iterable[str] = (),
    horizon: int = HORIZON_DAYS,
    ship_days_per_1000km: float = 1.0,
    express: bool = False,
) -> tuple[list[routing.Factory], dict[str, Factory]]:
    """(optimizer factories, Django factories by code) for every factory not offboarded.

    Capacity is each ``CapacityDay`` from ``today`` for ``horizon`` days, day 0 = today,
    with its reserved minutes; paused factories come back inactive so explanations can
    say so. Standard work gets no minutes on a plant's express lane (its first
    ``express_days`` days); ``express`` work may use every day, so it can be made sooner.
    A factory that publishes a material list must stock what a job needs; one
    that publishes none sources ``materials`` itself (priced into its minute rates).
    Four queries whatever the network's size.
    """
    sourced_anywhere = dict.fromkeys(materials, 0)
    factories = list(
        Factory.objects.exclude(status=FactoryStatus.OFFBOARDED)
        .annotate(open_count=Count("work_orders", filter=Q(work_orders__status__in=OPEN)))
        .prefetch_related("capabilities", "work_centres", "materials")
        .order_by("pk")
    )
    capacity: dict[int, dict] = defaultdict(dict)
    reserved: dict[int, dict] = defaultdict(dict)
    rows = CapacityDay.objects.filter(
        factory__in=factories, day__gte=today, day__lt=today + timedelta(days=horizon)
    ).values_list("factory_id", "centre_type", "day", "available_minutes", "reserved_minutes")
    lane = {f.pk: 0 if express else f.express_days for f in factories}
    for factory_id, centre, day, available, booked in rows:
        slot = (centre, (day - today).days)
        if slot[1] < lane[factory_id]:
            continue  # held for express production
        capacity[factory_id][slot] = float(available)
        if booked:
            reserved[factory_id][slot] = float(booked)
    out = [
        routing.Factory(
            id=f.code,
            location=f.shipping_origin,
            capabilities=frozenset(c.code for c in f.capabilities.all()),
            minute_rate={w.type: w.cost_per_minute for w in f.work_centres.all()},
            material_rate={m.material: m.unit_cost for m in f.materials.all()} or sourced_anywhere,
            capacity=capacity[f.pk],
            reserved=reserved[f.pk],
            queue_slots=max(f.max_open_work_orders - f.open_count, 0),
            quality=min(max(float(f.quality_score), 0.0), 1.0),
            ship_days_per_1000km=ship_days_per_1000km,
            active=f.status == FactoryStatus.ACTIVE,
        )
        for f in factories
    ]
    return out, {f.code: f for f in factories}
