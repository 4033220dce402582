"""Settlement fixtures: plants placed one degree of latitude south of the customer's city,
so the shipping the router costs is a figure one can work out by hand."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from orders.models import OutboxMessage
from production.geo.places import destination
from production.models import WorkOrder
from production.services.api_keys import api_key_create
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import SHIP_TO, PlantFactory, demo_product, place_order
from tests.production.api.conftest import API, auth

# Where the router places the customer's address; the plants sit one degree of latitude
# south of it: 6371.0088 km x pi / 180 = 111.195 km away, 111.20 of shipping at 1 per km.
CUSTOMER = destination(SHIP_TO) or (0.0, 0.0)
SOUTH = CUSTOMER[0] - 1
SHIPPING_PER_KM = "1"


@pytest.fixture(autouse=True)
def _shipping_rate(settings) -> None:
    settings.C2M_ROUTING = {"shipping_cost_per_km": SHIPPING_PER_KM}


@pytest.fixture
def plant(db):
    return PlantFactory(code="plant-a", name="Plant A", latitude=SOUTH, longitude=CUSTOMER[1])


@pytest.fixture
def plant_b(db):
    # Farther away (two degrees south): it gets work only when plant A cannot take it.
    return PlantFactory(code="plant-b", name="Plant B", latitude=SOUTH - 1, longitude=CUSTOMER[1])


@pytest.fixture
def key_b(plant_b) -> str:
    return api_key_create(factory=plant_b, name="erp")[1]


@pytest.fixture
def routed() -> Callable[..., list[WorkOrder]]:
    """Place an order, plan and route it; return its work orders (offered)."""
    product = demo_product()

    def make(quantity: int = 1, **order_kwargs) -> list[WorkOrder]:
        order = place_order(product, {"finish": "brushed"}, quantity=quantity, **order_kwargs)
        message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
        ids = orders_plan(message_ids=[message.pk])
        work_orders_route(work_order_ids=ids)
        return list(WorkOrder.objects.filter(order_id=order.pk).order_by("pk"))

    return make


def ship_through_api(client, key: str, work_order: WorkOrder, tracking: str) -> None:
    """Accept, start, pass QC and ship, as a plant's system does over the factory API."""
    path = f"{API}work-orders/{work_order.pk}/"
    steps = [
        ("accept/", {}),
        ("events/", {"type": "started"}),
        ("events/", {"type": "qc_passed"}),
        ("events/", {"type": "shipped", "carrier": "SF", "tracking_number": tracking}),
    ]
    for action, body in steps:
        response = client.post(f"{path}{action}", body, "application/json", **auth(key))
        assert response.status_code == 200, response.json()
