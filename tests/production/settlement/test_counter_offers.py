"""A plant counters an offer within the operator's limits; the router weighs the counter as
a new candidate against every other plant (issue #18, item 6).

Figures: plant A (one degree south of the customer) is offered 112.70 (1.50 production +
111.20 shipping); plant B (two degrees south) would cost 223.89. Operators let plant A ask
up to 100 % more (225.40) and deliver up to 2 days later.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from production.models import CounterOffer, WorkOrder
from production.services.counter_offers import work_order_counter_offer
from production.services.routing import work_orders_route
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_to_counters(plant):
    plant.counter_max_markup_pct = Decimal("100")
    plant.counter_max_delay_days = 2
    plant.save(update_fields=["counter_max_markup_pct", "counter_max_delay_days"])
    return plant


def counter(client, key: str, work_order: WorkOrder, body: dict):
    return client.post(
        f"{API}work-orders/{work_order.pk}/counter/", body, "application/json", **auth(key)
    )


def planned_day(work_order: WorkOrder) -> date:
    offered = work_order.events.filter(type="offered").latest("pk")
    return date.fromisoformat(offered.data["delivery_date"])


def test_a_counter_still_cheapest_comes_back_to_the_plant_at_its_price(
    client, open_to_counters, factory_key, plant_b, routed
):
    [work_order] = routed(quantity=1)

    answer = counter(client, factory_key, work_order, {"payout_amount": "150.00", "note": "rush"})
    work_orders_route(work_order_ids=[work_order.pk])
    again = client.get(f"{API}work-orders/{work_order.pk}/", **auth(factory_key)).json()

    assert answer.status_code == 200
    assert answer.json() == {
        "id": work_order.pk,
        "status": "pending",
        "payout": {"amount": "150.00", "currency": "CNY"},
        "delivery_date": planned_day(work_order).isoformat(),
    }
    assert again["status"] == "offered"
    assert again["payout"] == {"amount": "150.00", "currency": "CNY"}


def test_a_counter_dearer_than_another_plant_loses_the_work(
    client, open_to_counters, factory_key, plant_b, key_b, routed
):
    [work_order] = routed(quantity=1)

    counter(client, factory_key, work_order, {"payout_amount": "225.00"})
    work_orders_route(work_order_ids=[work_order.pk])
    work_order.refresh_from_db()

    assert work_order.factory_id == plant_b.pk
    assert work_order.payout_amount == Decimal("223.89")
    assert client.get(f"{API}work-orders/{work_order.pk}/", **auth(factory_key)).status_code == 404


def test_a_later_date_is_planned_with_the_extra_days(client, open_to_counters, factory_key, routed):
    [work_order] = routed(quantity=1)
    later = planned_day(work_order) + timedelta(days=2)

    answer = counter(client, factory_key, work_order, {"delivery_date": later.isoformat()})
    work_orders_route(work_order_ids=[work_order.pk])
    work_order.refresh_from_db()

    assert answer.status_code == 200
    assert work_order.factory_id == open_to_counters.pk
    assert planned_day(work_order) == later
    assert work_order.payout_amount == Decimal("112.70")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"payout_amount": "225.41"}, "payout_amount"),
        ({"payout_amount": "100.00"}, "payout_amount"),
        ({"delivery_date": "2099-01-01"}, "delivery_date"),
        ({"note": "nothing"}, "payout_amount"),
    ],
)
def test_terms_outside_the_limits_are_refused_with_the_limits(
    client, open_to_counters, factory_key, routed, body, field
):
    [work_order] = routed(quantity=1)

    answer = counter(client, factory_key, work_order, body)

    assert answer.status_code == 422
    assert answer.json()["code"] == "counter_out_of_limits"
    assert field in answer.json()["errors"]
    assert answer.json()["max_payout"] == "225.40"
    work_order.refresh_from_db()
    assert work_order.status == "offered" and not CounterOffer.objects.exists()


def test_counters_are_off_unless_operators_open_them(client, plant, factory_key, routed):
    [work_order] = routed(quantity=1)

    answer = counter(client, factory_key, work_order, {"payout_amount": "120.00"})

    assert answer.status_code == 409
    assert answer.json()["code"] == "counter_not_allowed"


def test_one_counter_per_plant_and_only_on_an_offer(
    client, open_to_counters, factory_key, key_b, plant_b, routed
):
    [work_order] = routed(quantity=1)
    counter(client, factory_key, work_order, {"payout_amount": "150.00"})
    work_orders_route(work_order_ids=[work_order.pk])

    twice = counter(client, factory_key, work_order, {"payout_amount": "160.00"})
    client.post(f"{API}work-orders/{work_order.pk}/accept/", **auth(factory_key))
    accepted = counter(client, factory_key, work_order, {"payout_amount": "150.00"})
    stranger = counter(client, key_b, work_order, {"payout_amount": "150.00"})

    assert twice.status_code == 409 and twice.json()["code"] == "already_countered"
    assert accepted.status_code == 409 and accepted.json()["code"] == "invalid_transition"
    assert stranger.status_code == 404


def test_the_service_refuses_another_plants_offer(open_to_counters, plant_b, routed):
    [work_order] = routed(quantity=1)

    with pytest.raises(Exception) as refused:
        work_order_counter_offer(
            factory=plant_b, work_order_id=work_order.pk, actor="t", payout_amount=Decimal("1")
        )

    assert getattr(refused.value, "code", None) == "not_found"
