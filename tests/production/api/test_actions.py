"""Accept, decline and report events: the happy path, the refusals, If-Match everywhere."""

import pytest

from production.models import Shipment
from production.services.factory_actions import work_order_accept
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db


def post(client, key, path, body=None, **headers):
    return client.post(f"{API}{path}", body or {}, "application/json", **auth(key), **headers)


def test_a_work_order_goes_from_offer_to_two_shipments(client, offered, factory_key):
    wo = f"work-orders/{offered.pk}/"
    steps = [
        post(client, factory_key, f"{wo}accept/"),
        post(client, factory_key, f"{wo}events/", {"type": "started"}),
        post(client, factory_key, f"{wo}events/", {"type": "progress", "percent": 50, "note": "½"}),
        post(client, factory_key, f"{wo}events/", {"type": "qc_failed", "reason": "smudge"}),
        post(client, factory_key, f"{wo}events/", {"type": "rework", "note": "cleaned"}),
        post(client, factory_key, f"{wo}events/", {"type": "qc_passed"}),
        post(
            client,
            factory_key,
            f"{wo}events/",
            {
                "type": "shipped",
                "carrier": "SF",
                "tracking_number": "SF1",
                "packages": [{"weight_kg": 0.4}],
            },
        ),
        post(
            client,
            factory_key,
            f"{wo}events/",
            {"type": "shipped", "carrier": "SF", "tracking_number": "SF2"},
        ),
    ]

    assert [s.status_code for s in steps] == [200] * 8
    assert steps[3].json()["status"] == "qc_failed"
    final = steps[-1].json()
    assert final["status"] == "shipped"
    assert [e["type"] for e in final["timeline"]][-8:] == [
        "accepted",
        "started",
        "progress",
        "qc_failed",
        "rework",
        "qc_passed",
        "shipped",
        "shipped",
    ]
    assert final["timeline"][-6]["data"] == {"percent": 50, "note": "½"}
    assert Shipment.objects.filter(work_order=offered).count() == 2


def test_progress_before_production_is_a_409_naming_the_allowed_events(
    client, offered, plant, factory_key
):
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    response = post(
        client,
        factory_key,
        f"work-orders/{offered.pk}/events/",
        {"type": "progress", "percent": 10},
    )
    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "invalid_transition"
    assert body["allowed_events"] == ["started"]
    assert body["allowed_actions"] == ["events", "release"]
    assert set(body) >= {"code", "detail", "errors", "current_status", "allowed"}


def test_accepting_twice_is_a_409(client, offered, factory_key):
    post(client, factory_key, f"work-orders/{offered.pk}/accept/")
    again = post(client, factory_key, f"work-orders/{offered.pk}/accept/")
    assert again.status_code == 409
    assert again.json()["current_status"] == "accepted"


def test_the_same_parcel_reported_twice_is_a_409_not_a_second_shipment(
    client, qc_passed, factory_key
):
    body = {"type": "shipped", "carrier": "SF", "tracking_number": "SF9"}
    first = post(client, factory_key, f"work-orders/{qc_passed.pk}/events/", body)
    second = post(client, factory_key, f"work-orders/{qc_passed.pk}/events/", body)
    assert first.status_code == 200
    assert second.status_code == 409 and second.json()["code"] == "duplicate_shipment"
    assert Shipment.objects.filter(work_order=qc_passed).count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"type": "qc_failed"}, "reason"),
        ({"type": "progress"}, "percent"),
        ({"type": "progress", "percent": 101}, "percent"),
        ({"type": "teleported"}, "type"),
        (
            {"type": "shipped", "carrier": "SF", "tracking_number": "1", "packages": [{"a": {}}]},
            "packages",
        ),
    ],
)
def test_bad_event_bodies_are_field_errors(client, in_production, factory_key, body, field):
    response = post(client, factory_key, f"work-orders/{in_production.pk}/events/", body)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_decline_needs_a_known_reason_code(client, offered, factory_key):
    response = post(
        client, factory_key, f"work-orders/{offered.pk}/decline/", {"reason_code": "meh"}
    )
    assert response.status_code == 400
    assert "reason_code" in response.json()["errors"]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("events/", {"type": "progress", "percent": 5}),
        ("events/", {"type": "qc_passed"}),
        ("events/", {"type": "shipped", "carrier": "SF", "tracking_number": "X"}),
    ],
)
def test_every_write_refuses_a_stale_if_match_with_412(
    client, in_production, factory_key, path, body
):
    stale = f'"{in_production.version - 1}"'
    response = post(
        client, factory_key, f"work-orders/{in_production.pk}/{path}", body, HTTP_IF_MATCH=stale
    )
    assert response.status_code == 412
    assert response.json()["current_version"] == in_production.version
    in_production.refresh_from_db()
    assert in_production.status == "in_production"


@pytest.mark.parametrize("path", ["accept/", "decline/"])
def test_offer_writes_refuse_a_stale_or_malformed_if_match(client, offered, factory_key, path):
    body = {"reason_code": "no_capacity"}
    stale = post(client, factory_key, f"work-orders/{offered.pk}/{path}", body, HTTP_IF_MATCH='"1"')
    junk = post(client, factory_key, f"work-orders/{offered.pk}/{path}", body, HTTP_IF_MATCH="xyz")
    assert (stale.status_code, junk.status_code) == (412, 412)


def test_a_matching_if_match_lets_the_write_through(client, offered, factory_key):
    response = post(
        client,
        factory_key,
        f"work-orders/{offered.pk}/accept/",
        HTTP_IF_MATCH=f'"{offered.version}"',
    )
    assert response.status_code == 200
    assert response["ETag"] == f'"{offered.version + 1}"'
