"""Idempotency-Key replays and concurrent writes against real PostgreSQL transactions."""

import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from production.models import IdempotencyRecord, Shipment, WorkOrderEvent
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.idempotency import idempotency_records_purge
from tests.production.api.conftest import API, auth


def post(client, key, path, body=None, **headers):
    return client.post(f"{API}{path}", body or {}, "application/json", **auth(key), **headers)


def in_threads(count: int, request) -> list:
    """Run ``request(client)`` in ``count`` threads released together; return the responses."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        client = Client()
        try:
            barrier.wait(timeout=30)
            results[index] = request(client)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db
def test_a_replay_returns_the_first_response_byte_for_byte(client, offered, factory_key):
    headers = {"HTTP_IDEMPOTENCY_KEY": "accept-42"}
    first = post(client, factory_key, f"work-orders/{offered.pk}/accept/", **headers)
    replay = post(client, factory_key, f"work-orders/{offered.pk}/accept/", **headers)

    assert first.status_code == replay.status_code == 200
    assert replay.content == first.content
    assert replay["ETag"] == first["ETag"]
    assert replay["Idempotent-Replayed"] == "true"
    assert WorkOrderEvent.objects.filter(work_order=offered, type="accepted").count() == 1


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_a_422(client, offered, plant, factory_key):
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    path = f"work-orders/{offered.pk}/events/"
    headers = {"HTTP_IDEMPOTENCY_KEY": "start-1"}
    post(client, factory_key, path, {"type": "started"}, **headers)
    other = post(client, factory_key, path, {"type": "progress", "percent": 3}, **headers)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"


@pytest.mark.django_db
def test_a_refusal_is_replayed_too_and_keys_are_per_factory(
    client, offered, factory_key, other_key
):
    path = f"work-orders/{offered.pk}/events/"
    body = {"type": "qc_passed"}
    first = post(client, factory_key, path, body, HTTP_IDEMPOTENCY_KEY="k")
    replay = post(client, factory_key, path, body, HTTP_IDEMPOTENCY_KEY="k")
    theirs = post(client, other_key, path, body, HTTP_IDEMPOTENCY_KEY="k")
    assert first.status_code == replay.status_code == 409
    assert theirs.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "x" * 256, "with space", "ünï"])
def test_a_malformed_idempotency_key_is_a_400(client, offered, factory_key, key):
    response = post(
        client, factory_key, f"work-orders/{offered.pk}/accept/", HTTP_IDEMPOTENCY_KEY=key
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_idempotency_key"


@pytest.mark.django_db
def test_keys_are_kept_a_day_then_purged(offered, plant, client, factory_key):
    post(client, factory_key, f"work-orders/{offered.pk}/accept/", HTTP_IDEMPOTENCY_KEY="old")
    post(client, factory_key, f"work-orders/{offered.pk}/accept/", HTTP_IDEMPOTENCY_KEY="new")
    IdempotencyRecord.objects.filter(key="old").update(
        created_at=timezone.now() - timedelta(hours=25)
    )
    assert idempotency_records_purge(older_than=timedelta(hours=1)) == 1
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_accepts_one_wins_the_rest_get_a_clear_409(offered, factory_key):
    responses = in_threads(50, lambda c: post(c, factory_key, f"work-orders/{offered.pk}/accept/"))

    assert Counter(r.status_code for r in responses) == {200: 1, 409: 49}
    refusals = [r.json() for r in responses if r.status_code == 409]
    assert {(r["code"], r["current_status"]) for r in refusals} == {
        ("invalid_transition", "accepted")
    }
    assert WorkOrderEvent.objects.filter(work_order=offered, type="accepted").count() == 1


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_requests_with_one_key_make_one_shipment(offered, plant, factory_key):
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    for event in ("started", "qc_passed"):
        work_order_report(factory=plant, work_order_id=offered.pk, actor="t", event=event, data={})
    body = {"type": "shipped", "carrier": "SF", "tracking_number": "SF77"}

    responses = in_threads(
        20,
        lambda c: post(
            c,
            factory_key,
            f"work-orders/{offered.pk}/events/",
            body,
            HTTP_IDEMPOTENCY_KEY="ship-SF77",
        ),
    )

    assert {r.status_code for r in responses} == {200}
    assert len({r.content for r in responses}) == 1
    assert sum(r.has_header("Idempotent-Replayed") for r in responses) == 19
    assert Shipment.objects.filter(work_order=offered).count() == 1
    assert WorkOrderEvent.objects.filter(work_order=offered, type="shipped").count() == 1


@pytest.mark.django_db
def test_keys_younger_than_a_day_survive_a_purge_configured_shorter(offered, client, factory_key):
    post(client, factory_key, f"work-orders/{offered.pk}/accept/", HTTP_IDEMPOTENCY_KEY="recent")
    IdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=2))

    # An operator purging "everything older than an hour" still keeps a day of keys
    assert idempotency_records_purge(older_than=timedelta(hours=1)) == 0
    assert IdempotencyRecord.objects.filter(key="recent").exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_with_the_same_if_match_one_wins_the_rest_get_412(
    in_production, factory_key
):
    # Ten clients read version N and each report a QC result (both moves are allowed from
    # in production, so only the version can stop the second writer)
    version = str(in_production.version)
    bodies = iter([{"type": "qc_passed"}, {"type": "qc_failed", "reason": "smudge"}] * 5)

    responses = in_threads(
        10,
        lambda c: post(
            c,
            factory_key,
            f"work-orders/{in_production.pk}/events/",
            next(bodies),
            HTTP_IF_MATCH=f'"{version}"',
        ),
    )

    assert Counter(r.status_code for r in responses) == {200: 1, 412: 9}
    in_production.refresh_from_db()
    assert in_production.version == int(version) + 1
    assert (
        WorkOrderEvent.objects.filter(
            work_order=in_production, type__in=["qc_passed", "qc_failed"]
        ).count()
        == 1
    )
