"""Operators see the measurements a made-to-measure job is cut to, as the plant does."""

from __future__ import annotations

import pytest

from orders.configurator.demo_catalog import DEMO_CONFIGURATIONS
from orders.models import OutboxMessage
from production.models import WorkOrder
from production.services.planning import orders_plan
from tests.factories import demo_product, place_order

pytestmark = pytest.mark.django_db


def test_the_work_order_page_lists_each_operations_parameters(client, django_user_model):
    shirt = DEMO_CONFIGURATIONS["SHIRT-MTM"]["options"]
    order = place_order(demo_product("SHIRT-MTM"), shirt)
    orders_plan(message_ids=list(OutboxMessage.objects.values_list("pk", flat=True)))
    work_order = WorkOrder.objects.get(order_id=order.pk)

    client.force_login(django_user_model.objects.create_superuser("op", "op@x.example", "pw"))
    page = client.get(f"/admin/production/workorder/{work_order.pk}/change/").content.decode()

    assert "<th>parameters</th>" in page
    assert f"chest: {shirt['chest']}" in page and f"sleeve: {shirt['sleeve']}" in page
    assert "collar: mandarin" in page
