"""The payout and deadline an offer shows are the ones that hold (issue #18, item 6)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from freezegun import freeze_time

from production.models import RoutingDecision
from production.services.factory_actions import work_order_decline
from production.services.offers import offers_expire
from production.services.routing import work_orders_route
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db


def test_the_offer_lapses_at_the_deadline_it_showed(plant, routed):
    [work_order] = routed(quantity=1)
    deadline = work_order.offer_expires_at

    with freeze_time(deadline - timedelta(seconds=1)):
        assert offers_expire() == []
    with freeze_time(deadline + timedelta(seconds=1)):
        assert offers_expire() == [work_order.pk]


def test_the_payout_is_the_routers_costing_of_the_chosen_plant(plant, routed):
    [work_order] = routed(quantity=1)
    decision = RoutingDecision.objects.get(work_order=work_order)
    [chosen] = decision.assignments

    # The router's own figures: production 3 min x 0.50 + 111.20 shipping.
    assert Decimal(chosen["production_cost"]) + Decimal(chosen["shipping_cost"]) == Decimal(
        "112.70"
    )
    assert work_order.payout_amount == Decimal("112.70")


def test_a_new_offer_after_a_decline_carries_the_new_plants_payout(
    client, plant, plant_b, key_b, routed
):
    [work_order] = routed(quantity=1)
    assert work_order.factory_id == plant.pk
    work_order_decline(
        factory=plant, work_order_id=work_order.pk, actor="t", reason_code="no_capacity"
    )
    work_orders_route(work_order_ids=[work_order.pk])

    body = client.get(f"{API}work-orders/{work_order.pk}/", **auth(key_b)).json()

    # Plant B is two degrees south: 2 x 111.195 = 222.39 of shipping + 1.50.
    assert body["payout"] == {"amount": "223.89", "currency": "CNY"}
