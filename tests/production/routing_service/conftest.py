"""Hand-solvable routing through the database.

Every plant and customer is in Shenzhen (0 km, 0 shipping days, no shipping cost), so a
work order due in ``d`` days may use capacity on days 0..d. Plants run one centre type,
``dtg_printer``; each work order's minutes are set exactly through its snapshot.
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from orders.models import OutboxMessage
from production.geo import CITIES
from production.models import WorkOrder
from production.services.planning import orders_plan
from tests.factories import SHIP_TO, PlantFactory, demo_product, place_order, plant_capacity

SHENZHEN = {**SHIP_TO, "city": "Shenzhen"}
SHENZHEN_AT = CITIES[("CN", "shenzhen")]


@pytest.fixture(autouse=True)
def _on_time_only(settings) -> None:
    settings.C2M_ROUTING = {"max_late_days": 0, "quality_bonus_weight": "0"}


def make_plant(code: str, *, minutes: int = 480, rate: str = "1.00", **kwargs):
    where = {"latitude": SHENZHEN_AT[0], "longitude": SHENZHEN_AT[1]}
    plant = PlantFactory(code=code, minutes_per_day=None, **(where | kwargs))
    if minutes:
        plant_capacity(
            plant, minutes_per_day=minutes, cost_per_minute=rate, centres=["dtg_printer"]
        )
    return plant


def make_work_orders(*specs: dict) -> list[WorkOrder]:
    """One placed and planned order per spec: ``minutes``, ``due`` (days), ``quantity``."""
    product = demo_product("TEE-PRINT")
    # Planned here, not by a Celery worker another test may have left running.
    with mock.patch("orders.services.outbox._send"):
        for spec in specs:
            place_order(
                product,
                {"size": "M", "artwork_front": {"artwork_id": "art_front"}},
                quantity=spec.get("quantity", 1),
                ship_to=spec.get("ship_to", SHENZHEN),
            )
    messages = list(
        OutboxMessage.objects.filter(processed_at__isnull=True).values_list("pk", flat=True)
    )
    ids = sorted(orders_plan(message_ids=messages))
    today = timezone.localdate()
    for pk, spec in zip(ids, specs, strict=True):
        work_order = WorkOrder.objects.get(pk=pk)
        # What planning will write from the recipe: exact minutes for hand-solving.
        WorkOrder.objects.filter(pk=pk).update(
            due_date=today + timedelta(days=spec.get("due", 5)),
            snapshot={**work_order.snapshot, "minutes_by_centre": {"dtg_printer": spec["minutes"]}},
        )
    return list(WorkOrder.objects.filter(pk__in=ids).order_by("pk"))
