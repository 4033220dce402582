"""Accepted work cannot be declined; it can only be released, audited and charged.

Accept reveals the customer's address, so accept-then-decline would harvest addresses and
strand the order. After acceptance the decline endpoint answers 409; the release endpoint
records whether and when the plant saw the address, frees its capacity, re-routes the work
at once (never back to that plant) and lowers the plant's quality score.
"""

from __future__ import annotations

import pytest

from production.models import AddressReveal, CapacityDay, Factory, WorkOrder, WorkOrderEvent
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.factory_quality import factory_quality_refresh
from production.services.routing import work_orders_route
from tests.factories import PlantFactory
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db
RELEASE = {"reason_code": "machine_down", "reason": "Laser tube failed"}


def post(client, key, path, body=None, **headers):
    return client.post(f"{API}{path}", body or {}, "application/json", **auth(key), **headers)


def booked(plant: Factory) -> int:
    return sum(CapacityDay.objects.filter(factory=plant).values_list("reserved_minutes", flat=True))


@pytest.fixture
def accepted_via_api(client, offered, factory_key) -> WorkOrder:
    """Accepted through the API, whose answer shows the plant the shipping address."""
    response = post(client, factory_key, f"work-orders/{offered.pk}/accept/")
    assert response.json()["ship_to"]["line1"] == "88 Century Avenue"
    offered.refresh_from_db()
    return offered


def test_declining_accepted_work_is_a_409_pointing_to_release(
    client, accepted_via_api, plant, factory_key
):
    response = post(
        client,
        factory_key,
        f"work-orders/{accepted_via_api.pk}/decline/",
        {"reason_code": "no_capacity"},
    )

    assert response.status_code == 409
    body = response.json()
    assert body["current_status"] == "accepted"
    assert body["allowed_actions"] == ["events", "release"]
    accepted_via_api.refresh_from_db()
    assert (accepted_via_api.status, accepted_via_api.factory) == ("accepted", plant)
    assert not WorkOrderEvent.objects.filter(work_order=accepted_via_api, type="declined").exists()


def test_accepting_shows_the_address_and_records_that_the_plant_saw_it(
    client, offered, plant, factory_key
):
    # An offer's detail has no address, and nothing is recorded
    offer = client.get(f"{API}work-orders/{offered.pk}/", **auth(factory_key)).json()
    assert offer["ship_to"] is None
    client.get(f"{API}work-orders/", **auth(factory_key))
    assert not AddressReveal.objects.exists()

    post(client, factory_key, f"work-orders/{offered.pk}/accept/")
    client.get(f"{API}work-orders/{offered.pk}/", **auth(factory_key))

    [reveal] = AddressReveal.objects.all()
    assert (reveal.work_order_id, reveal.factory, reveal.via) == (offered.pk, plant, "api")


def test_releasing_accepted_work_is_audited_frees_capacity_charges_the_plant_and_reroutes(
    client, accepted_via_api, plant, factory_key, django_capture_on_commit_callbacks
):
    # Given a second plant that can make it too, and the first plant's current score
    second = PlantFactory(code="second-plant")
    score_before = factory_quality_refresh(factory_id=plant.pk)
    assert booked(plant) > 0
    seen_at = AddressReveal.objects.get(work_order=accepted_via_api, factory=plant).revealed_at

    # When the plant releases it
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = post(client, factory_key, f"work-orders/{accepted_via_api.pk}/release/", RELEASE)

    # Then the answer says so, and when the plant first saw the address
    assert response.status_code == 200
    assert response.json()["status"] == "released"
    assert response.json()["address_seen_at"].startswith(seen_at.date().isoformat())
    work_order = WorkOrder.objects.get(pk=accepted_via_api.pk)
    assert (work_order.status, work_order.factory) == ("pending", None)
    event = WorkOrderEvent.objects.filter(work_order=work_order).latest("pk")
    assert (event.type, event.from_status, event.to_status) == ("released", "accepted", "pending")
    assert event.actor == f"factory:{plant.code}:erp"
    assert event.data["address_seen"] is True
    assert event.data["address_seen_at"] == seen_at.isoformat()
    assert (event.data["reason_code"], event.data["reason"]) == (
        "machine_down",
        "Laser tube failed",
    )
    # And the plant's minutes are free and its score is lower
    assert booked(plant) == 0
    plant.refresh_from_db()
    assert plant.quality_score < score_before
    assert plant.quality_details["released"] == 1
    # And the router is called at once (after commit) and offers it to the other plant
    assert len(callbacks) == 1
    work_orders_route(work_order_ids=[work_order.pk])
    work_order.refresh_from_db()
    assert (work_order.status, work_order.factory) == ("offered", second)
    # And the releasing plant no longer reaches it
    assert client.get(f"{API}work-orders/{work_order.pk}/", **auth(factory_key)).status_code == 404


def test_released_work_is_never_offered_back_to_the_plant(
    client, accepted_via_api, factory_key, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        post(client, factory_key, f"work-orders/{accepted_via_api.pk}/release/", RELEASE)

    work_orders_route(work_order_ids=[accepted_via_api.pk])

    accepted_via_api.refresh_from_db()
    assert accepted_via_api.status == "unroutable" and accepted_via_api.factory is None


def test_work_in_production_and_after_a_failed_qc_can_be_released(
    client, offered, plant, factory_key, django_capture_on_commit_callbacks
):
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="t")
    for event, data in [("started", {}), ("qc_failed", {"reason": "cracked"})]:
        work_order_report(
            factory=plant, work_order_id=offered.pk, actor="t", event=event, data=data
        )

    with django_capture_on_commit_callbacks(execute=False):
        response = post(client, factory_key, f"work-orders/{offered.pk}/release/", RELEASE)

    assert response.status_code == 200
    event = WorkOrderEvent.objects.filter(work_order=offered).latest("pk")
    assert event.data["released_from"] == "qc_failed"
    # Accepted through the service, never shown through the API or the admin
    assert (event.data["address_seen"], event.data["address_seen_at"]) == (False, None)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"reason_code": "machine_down"}, "reason"),
        ({"reason_code": "machine_down", "reason": ""}, "reason"),
        ({"reason": "x"}, "reason_code"),
        ({"reason_code": "bored", "reason": "x"}, "reason_code"),
    ],
)
def test_a_release_needs_a_reason_code_and_a_reason(
    client, accepted_via_api, factory_key, body, field
):
    response = post(client, factory_key, f"work-orders/{accepted_via_api.pk}/release/", body)

    assert response.status_code == 400
    assert field in response.json()["errors"]
    accepted_via_api.refresh_from_db()
    assert accepted_via_api.status == "accepted"


def test_an_offer_cannot_be_released_and_shipped_work_neither(client, offered, plant, factory_key):
    refused = post(client, factory_key, f"work-orders/{offered.pk}/release/", RELEASE)
    assert refused.status_code == 409
    assert refused.json()["allowed_actions"] == ["accept", "decline"]

    work_order_accept(factory=plant, work_order_id=offered.pk, actor="t")
    for event in ("started", "qc_passed"):
        work_order_report(factory=plant, work_order_id=offered.pk, actor="t", event=event, data={})
    assert (
        post(client, factory_key, f"work-orders/{offered.pk}/release/", RELEASE).status_code == 409
    )


def test_another_plants_key_gets_404_and_the_work_stays(client, accepted_via_api, other_key):
    response = post(client, other_key, f"work-orders/{accepted_via_api.pk}/release/", RELEASE)

    assert response.status_code == 404
    accepted_via_api.refresh_from_db()
    assert accepted_via_api.status == "accepted"


def test_a_release_honours_if_match_and_idempotency_key(
    client, accepted_via_api, factory_key, django_capture_on_commit_callbacks
):
    path = f"work-orders/{accepted_via_api.pk}/release/"
    stale = post(client, factory_key, path, RELEASE, HTTP_IF_MATCH='"1"')
    assert stale.status_code == 412

    with django_capture_on_commit_callbacks(execute=False):
        key = {"HTTP_IDEMPOTENCY_KEY": "release-1"}
        first = post(client, factory_key, path, RELEASE, **key)
        again = post(client, factory_key, path, RELEASE, **key)

    assert first.status_code == again.status_code == 200
    assert again["Idempotent-Replayed"] == "true" and again.content == first.content
    assert WorkOrderEvent.objects.filter(work_order=accepted_via_api, type="released").count() == 1
