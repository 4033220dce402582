"""Operators see every broken promise in the exception list, once per order."""

from __future__ import annotations

import pytest

from orders.models import OutboxMessage
from production.services.factory_actions import work_order_decline
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product
from tests.orders.conftest import fill_cart, place, quiet_broker  # noqa: F401

pytestmark = pytest.mark.django_db


def test_a_declined_order_with_no_plant_left_is_listed_as_a_broken_promise(
    as_operator,
    quiet_broker,  # noqa: F811
):
    # Given a paid order routed to the only plant able to make it, which declines it
    plant = PlantFactory(code="sz-engrave", city="Shenzhen")
    order = place(fill_cart(demo_product("TUMBLER-ENGRAVED")))
    messages = OutboxMessage.objects.filter(payload__order_id=order.pk)
    work_orders_route(work_order_ids=orders_plan(message_ids=[m.pk for m in messages]))
    work_order = plant.work_orders.get()
    work_order_decline(
        factory=plant, work_order_id=work_order.pk, actor="factory:sz", reason_code="price"
    )
    work_orders_route(include_pending=True)
    work_orders_route(include_pending=True)

    # When the operator opens the exception list
    html = as_operator.get("/admin/c2m/exceptions/").content.decode()

    # Then the order is listed under broken promises, with its promised date, once
    section = html.split("Broken promises (1)")[1].split("Unroutable work orders")[0]
    assert order.number in section and work_order.number in section
    assert order.promised_date.isoformat() in section and "no plant now" in section
    assert section.count(order.number) == 2  # the link text and its search
