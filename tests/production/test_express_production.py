"""Express production as a plant meets it: the work order is marked express, due on the
earlier date the customer bought, booked on the plant's express-lane days, and listed with
the flag (and first) in the factory API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from orders.models import OutboxMessage
from production.models import CapacityReservation, WorkOrder, WorkOrderStatus
from production.services.api_keys import api_key_create
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product
from tests.orders.services.conftest import buy

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_broker(monkeypatch):
    """Planning driven here, not by a session's worker (see tests/orders/conftest.py)."""
    from orders.services import outbox

    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)


def planned(order) -> WorkOrder:
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
    [work_order_id] = orders_plan(message_ids=[message.pk])
    return WorkOrder.objects.get(pk=work_order_id)


def booked_days(work_order: WorkOrder) -> set[int]:
    today = timezone.localdate()
    return {
        (day - today).days
        for day in CapacityReservation.objects.filter(work_order=work_order).values_list(
            "capacity_day__day", flat=True
        )
    }


def test_express_work_is_due_sooner_booked_first_and_listed_first_to_the_plant(
    client, quiet_broker
):
    plant = PlantFactory(code="sz-engrave", city="Shenzhen", express_days=2)
    tumbler = demo_product("TUMBLER-ENGRAVED")
    standard = planned(buy(tumbler, quantity=2, finish="brushed"))
    express_order = buy(tumbler, quantity=2, finish="brushed", services=["express_production"])
    express = planned(express_order)

    assert express.express and not standard.express
    assert express.due_date == express_order.lines.get().express_date
    assert express.due_date == standard.due_date - timedelta(days=2)
    # Express production is a lane, not an operation of the job.
    assert not [op for op in express.snapshot["operations"] if op.get("service")]

    work_orders_route(work_order_ids=[standard.pk, express.pk])

    standard.refresh_from_db()
    express.refresh_from_db()
    assert {standard.status, express.status} == {WorkOrderStatus.OFFERED}
    assert min(booked_days(express)) == 0  # on the plant's express-lane days
    assert min(booked_days(standard)) >= 2  # never on them

    key = api_key_create(factory=plant, name="erp")[1]
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    listed = client.get("/api/factory/v1/work-orders/", **auth).json()["results"]
    assert {item["number"]: item["express"] for item in listed} == {
        standard.number: False,
        express.number: True,
    }
    first = client.get("/api/factory/v1/work-orders/", {"express": "true"}, **auth).json()
    assert [item["number"] for item in first["results"]] == [express.number]
    refused = client.get("/api/factory/v1/work-orders/", {"express": "soon"}, **auth)
    assert refused.status_code == 400 and "express" in refused.json()["errors"]
    detail = client.get(f"/api/factory/v1/work-orders/{express.pk}/", **auth).json()
    assert detail["express"] is True
    assert detail["due_date"] == express.due_date.isoformat()
