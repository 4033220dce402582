"""Every factory-API endpoint × method with another factory's key: 404, and no foreign rows."""

import json

import pytest

from production.models import CapacityDay, WorkOrder
from production.services.factory_actions import work_order_accept
from production.services.production_files import work_order_files_generate
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db

OBJECT_ENDPOINTS = [
    ("get", "work-orders/{id}/", None),
    ("get", "work-orders/{id}/files/job-ticket.pdf", None),
    ("post", "work-orders/{id}/accept/", {}),
    ("post", "work-orders/{id}/decline/", {"reason_code": "no_capacity"}),
    ("post", "work-orders/{id}/events/", {"type": "started"}),
    ("post", "work-orders/{id}/events/", {"type": "progress", "percent": 5}),
    ("post", "work-orders/{id}/events/", {"type": "qc_passed"}),
    ("post", "work-orders/{id}/events/", {"type": "qc_failed", "reason": "x"}),
    ("post", "work-orders/{id}/events/", {"type": "rework"}),
    ("post", "work-orders/{id}/release/", {"reason_code": "other", "reason": "x"}),
    (
        "post",
        "work-orders/{id}/events/",
        {"type": "shipped", "carrier": "a", "tracking_number": "1"},
    ),
]


@pytest.fixture(params=["offered", "accepted"])
def theirs(request, offered, plant) -> WorkOrder:
    work_order_files_generate(work_order_id=offered.pk)
    if request.param == "accepted":
        work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    offered.refresh_from_db()
    return offered


@pytest.mark.parametrize(("method", "path", "body"), OBJECT_ENDPOINTS)
@pytest.mark.parametrize("with_headers", [False, True])
def test_another_factorys_work_order_is_404_everywhere_and_stays_unchanged(
    client, theirs, other_key, method, path, body, with_headers
):
    headers = (
        {"HTTP_IF_MATCH": f'"{theirs.version}"', "HTTP_IDEMPOTENCY_KEY": "x"}
        if with_headers
        else {}
    )
    url = API + path.format(id=theirs.pk)
    kwargs = (
        {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
    )
    response = getattr(client, method)(url, **kwargs, **auth(other_key), **headers)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    before = (theirs.status, theirs.version)
    theirs.refresh_from_db()
    assert (theirs.status, theirs.version) == before


def test_lists_feed_capacity_and_webhook_never_show_another_factorys_rows(
    client, theirs, plant, other_key, factory_key
):
    assert CapacityDay.objects.filter(factory=plant).exists()  # the plant publishes capacity
    client.put(
        f"{API}webhook/",
        json.dumps({"url": "https://plant.example/h"}),
        "application/json",
        **auth(factory_key),
    )

    lists = [
        client.get(f"{API}work-orders/", **auth(other_key)).json()["results"],
        client.get(f"{API}work-orders/?status={theirs.status}", **auth(other_key)).json()[
            "results"
        ],
        client.get(f"{API}feed/", **auth(other_key)).json()["results"],
        client.get(f"{API}capacity/", **auth(other_key)).json()["days"],
    ]
    assert lists == [[], [], [], []]
    assert client.get(f"{API}webhook/", **auth(other_key)).status_code == 404
    assert client.delete(f"{API}webhook/", **auth(other_key)).status_code == 404
    # And their own key still sees their own rows.
    assert client.get(f"{API}work-orders/", **auth(factory_key)).json()["results"]
    assert client.get(f"{API}webhook/", **auth(factory_key)).status_code == 200
