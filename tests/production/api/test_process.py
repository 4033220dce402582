"""The process a plant cannot skip: accepted → in production → QC passed → shipped.

A failed QC leads back to production (rework or reprint), never to shipped; only a work
order whose recipe has no QC step may ship straight from production.
"""

from __future__ import annotations

import pytest

from demo.recipes import DEMO_RECIPES
from production.models import Shipment, WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.recipes import recipe_upsert
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db
SHIP = {"type": "shipped", "carrier": "SF", "tracking_number": "SF42"}


def post(client, key, path, body):
    return client.post(f"{API}{path}", body, "application/json", **auth(key))


def report(plant, work_order, *events: str) -> None:
    data = {"qc_failed": {"reason": "smudge"}}
    for event in events:
        work_order_report(
            factory=plant,
            work_order_id=work_order.pk,
            actor="test",
            event=event,
            data=data.get(event, {}),
        )


def ship(client, key, work_order):
    return post(client, key, f"work-orders/{work_order.pk}/events/", SHIP)


@pytest.fixture
def accepted(offered, plant) -> WorkOrder:
    return work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")


def assert_refused(response, work_order, status, allowed_events):
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "invalid_transition"
    assert body["current_status"] == status
    assert body["allowed_events"] == allowed_events
    work_order.refresh_from_db()
    assert work_order.status == status
    assert not Shipment.objects.filter(work_order=work_order).exists()


def test_shipping_straight_after_accept_is_a_409(client, accepted, factory_key):
    response = ship(client, factory_key, accepted)

    assert_refused(response, accepted, "accepted", ["started"])


def test_shipping_from_production_without_qc_is_a_409_naming_the_qc_steps(
    client, accepted, plant, factory_key
):
    report(plant, accepted, "started")

    response = ship(client, factory_key, accepted)

    assert_refused(response, accepted, "in_production", ["progress", "qc_failed", "qc_passed"])
    assert "passed QC" in response.json()["detail"]


def test_shipping_after_a_failed_qc_is_a_409_until_it_passed_again(
    client, accepted, plant, factory_key
):
    report(plant, accepted, "started", "qc_failed")

    refused = ship(client, factory_key, accepted)
    assert_refused(refused, accepted, "qc_failed", ["reprint", "rework"])

    # When the plant reprints it and it passes QC, it ships
    report(plant, accepted, "reprint")
    assert_refused(
        ship(client, factory_key, accepted),
        accepted,
        "in_production",
        [
            "progress",
            "qc_failed",
            "qc_passed",
        ],
    )
    report(plant, accepted, "qc_passed")
    shipped = ship(client, factory_key, accepted)
    assert shipped.status_code == 200 and shipped.json()["status"] == "shipped"
    timeline = [e["type"] for e in shipped.json()["timeline"]]
    assert timeline[-5:] == ["started", "qc_failed", "reprint", "qc_passed", "shipped"]


def test_a_failed_final_check_sends_passed_work_back_to_qc_failed(
    client, accepted, plant, factory_key
):
    report(plant, accepted, "started", "qc_passed", "qc_failed")

    assert_refused(
        ship(client, factory_key, accepted),
        accepted,
        "qc_failed",
        [
            "reprint",
            "rework",
        ],
    )


def test_the_work_order_says_it_needs_qc_because_its_recipe_has_a_qc_operation(
    client, accepted, factory_key
):
    body = client.get(f"{API}work-orders/{accepted.pk}/", **auth(factory_key)).json()

    assert body["qc_required"] is True
    assert "qc" in [op["capability"] for op in body["operations"]]


def test_a_product_whose_recipe_has_no_qc_step_ships_straight_from_production(
    client, make_offered, plant, factory_key
):
    # Given the tumbler's recipe without its QC operation (data, not code)
    recipe = next(r for r in DEMO_RECIPES if r["product_sku"] == "TUMBLER-ENGRAVED")
    recipe_upsert(
        **{
            **recipe,
            "operations": [op for op in recipe["operations"] if op["capability"] != "qc"],
            "capabilities": [c for c in recipe["capabilities"] if c != "qc"],
        }
    )
    work_order = make_offered()
    work_order_accept(factory=plant, work_order_id=work_order.pk, actor="test")
    detail = client.get(f"{API}work-orders/{work_order.pk}/", **auth(factory_key)).json()
    assert detail["qc_required"] is False

    # Shipping before it is even started is still refused
    assert_refused(ship(client, factory_key, work_order), work_order, "accepted", ["started"])

    # Once in production, it may ship without a QC event
    report(plant, work_order, "started")
    shipped = ship(client, factory_key, work_order)
    assert shipped.status_code == 200
    assert [e["type"] for e in shipped.json()["timeline"]][-2:] == ["started", "shipped"]
