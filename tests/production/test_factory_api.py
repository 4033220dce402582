"""The factory API's walking-skeleton endpoints: list, accept, decline, report events."""

import pytest

from orders.models import OutboxMessage
from production.models import WorkOrder
from production.services.api_keys import api_key_create, api_key_revoke
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product, place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered(plant) -> WorkOrder:
    place_order(demo_product(), {"finish": "brushed"})
    ids = orders_plan(message_ids=[OutboxMessage.objects.get().pk])
    work_orders_route(work_order_ids=ids)
    return WorkOrder.objects.get(pk=ids[0])


def auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Api-Key {key}"}


def test_offered_work_order_hides_the_customer_address_until_accepted(client, offered, factory_key):
    url = f"/api/factory/v1/work-orders/{offered.pk}/"
    assert client.get(url, **auth(factory_key)).json()["ship_to"] is None

    client.post(f"{url}accept/", **auth(factory_key))

    assert client.get(url, **auth(factory_key)).json()["ship_to"]["city"] == "Shanghai"


def test_another_factorys_work_order_answers_404_on_every_endpoint(client, offered):
    _, other_key = api_key_create(factory=PlantFactory(), name="other")
    base = f"/api/factory/v1/work-orders/{offered.pk}/"

    assert client.get("/api/factory/v1/work-orders/", **auth(other_key)).json()["results"] == []
    assert client.get(base, **auth(other_key)).status_code == 404
    assert client.post(f"{base}accept/", **auth(other_key)).status_code == 404
    decline = {"reason_code": "no_capacity"}
    assert (
        client.post(f"{base}decline/", decline, "application/json", **auth(other_key)).status_code
        == 404
    )
    event = {"type": "started"}
    assert (
        client.post(f"{base}events/", event, "application/json", **auth(other_key)).status_code
        == 404
    )
    offered.refresh_from_db()
    assert offered.status == "offered"


def test_shipping_before_accepting_is_a_409_naming_the_allowed_steps(client, offered, factory_key):
    response = client.post(
        f"/api/factory/v1/work-orders/{offered.pk}/events/",
        {"type": "shipped", "carrier": "SF", "tracking_number": "1"},
        "application/json",
        **auth(factory_key),
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "invalid_transition"
    assert body["allowed"] == ["accepted", "cancelled", "pending"]
    assert body["allowed_events"] == []
    assert body["allowed_actions"] == ["accept", "decline"]


def test_shipment_without_tracking_number_is_a_field_error(client, offered, factory_key):
    client.post(f"/api/factory/v1/work-orders/{offered.pk}/accept/", **auth(factory_key))
    response = client.post(
        f"/api/factory/v1/work-orders/{offered.pk}/events/",
        {"type": "shipped", "carrier": "SF"},
        "application/json",
        **auth(factory_key),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"tracking_number": ["Required for a shipment."]}


def test_decline_sends_the_work_order_to_another_plant_never_back(
    client, offered, factory_key, django_capture_on_commit_callbacks
):
    other = PlantFactory(code="second-plant")
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            f"/api/factory/v1/work-orders/{offered.pk}/decline/",
            {"reason_code": "no_capacity", "reason": "Line down for maintenance"},
            "application/json",
            **auth(factory_key),
        )
    assert response.status_code == 200

    work_orders_route(work_order_ids=[offered.pk])

    offered.refresh_from_db()
    assert offered.status == "offered" and offered.factory == other


def test_a_stale_if_match_is_refused_with_412(client, offered, factory_key):
    response = client.post(
        f"/api/factory/v1/work-orders/{offered.pk}/accept/",
        HTTP_IF_MATCH=f'"{offered.version - 1}"',
        **auth(factory_key),
    )
    assert response.status_code == 412
    assert response.json()["current_version"] == offered.version


def test_a_revoked_key_is_refused(client, plant):
    key, raw = api_key_create(factory=plant, name="old")
    api_key_revoke(key=key)
    assert client.get("/api/factory/v1/work-orders/", **auth(raw)).status_code == 401
