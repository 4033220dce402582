"""Paid services a plant performs reach it as steps of its work order (factory API)."""

from __future__ import annotations

import pytest

from orders.models import OutboxMessage
from production.models import WorkOrder
from production.services.api_keys import api_key_create
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product
from tests.orders.services.conftest import OAK_TABLE, TABLE_CAPABILITIES, buy

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


def test_the_plant_sees_the_assembly_it_was_paid_for_as_a_step_before_packing(client, quiet_broker):
    plant = PlantFactory(code="fs-wood", city="Foshan", capabilities=TABLE_CAPABILITIES)
    table = demo_product("TABLE-SOLID")
    order = buy(table, quantity=2, **OAK_TABLE, services=["assembly", "care_plan"])
    work_order = planned(order)
    work_orders_route(work_order_ids=[work_order.pk])
    key = api_key_create(factory=plant, name="erp")[1]

    response = client.get(
        f"/api/factory/v1/work-orders/{work_order.pk}/", HTTP_AUTHORIZATION=f"Api-Key {key}"
    )

    assert response.status_code == 200, response.content
    operations = response.json()["operations"]
    codes = [op["code"] for op in operations]
    assert codes[-2:] == ["assembly", "pack"]  # assembled, then crated to ship
    assembly = operations[-2]
    assert assembly["centre"] == "assembly_bench" and assembly["capability"] == "assemble"
    assert assembly["minutes"] == "80.00"  # 40 minutes a table, two tables
    assert assembly["label"]["zh-hans"] == "工厂预组装"
    assert [op["seq"] for op in operations] == list(range(1, len(operations) + 1))
    # The care plan is the platform's: the plant never sees it.
    assert "care_plan" not in codes
    # Routing books the assembly minutes with the rest of the job.
    assert "assemble" in response.json()["required_capabilities"]
    assert float(work_order.snapshot["minutes_by_centre"]["assembly_bench"]) >= 80


def test_gift_wrapping_is_a_packing_step_of_the_tumbler_and_absent_unless_bought(quiet_broker):
    PlantFactory(code="sz-engrave", city="Shenzhen")
    tumbler = demo_product("TUMBLER-ENGRAVED")
    wrapped = planned(buy(tumbler, quantity=3, finish="brushed", services=["gift_wrap"]))
    plain = planned(buy(tumbler, quantity=3, finish="brushed"))

    wrap = next(op for op in wrapped.snapshot["operations"] if op["code"] == "gift_wrap")
    assert (wrap["centre"], wrap["minutes"]) == ("packing", "9.00")  # 3 minutes × 3
    assert wrap["service"] == "gift_wrap"
    assert not [op for op in plain.snapshot["operations"] if op.get("service")]
