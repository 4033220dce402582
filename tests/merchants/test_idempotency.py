"""Idempotency-Key on every merchant POST: the same key and body get the first answer,
the same key with another body a 422, and no key a 400."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from merchants.models import MerchantIdempotencyRecord, MerchantOrder, MerchantQuote
from merchants.services.idempotency import idempotency_records_purge
from tests.merchants.conftest import API, BRUSHED, SHIP_TO, quote_body

pytestmark = pytest.mark.django_db


def test_the_same_key_and_body_replay_the_first_response_and_create_one_order(acme):
    body = {"reference": "PO-1", "lines": [BRUSHED], "ship_to": SHIP_TO}

    first = acme.post("/orders/", body, key="order-po-1")
    second = acme.post("/orders/", {**body}, key="order-po-1")

    assert first.status_code == second.status_code == 201
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert MerchantOrder.objects.count() == 1


def test_the_same_key_with_another_body_is_refused(acme):
    acme.post("/quotes/", quote_body(), key="k1")

    other = acme.post("/quotes/", quote_body(method="express"), key="k1")

    assert other.status_code == 422 and other.json()["code"] == "idempotency_key_reused"
    assert MerchantQuote.objects.count() == 1


def test_a_refusal_is_replayed_too_and_keys_of_two_accounts_never_meet(acme, globex):
    bad = {"reference": "PO-1", "lines": [{**BRUSHED, "sku": "NOPE"}], "ship_to": SHIP_TO}
    assert acme.post("/orders/", bad, key="same").status_code == 400
    assert acme.post("/orders/", bad, key="same")["Idempotent-Replayed"] == "true"

    good = {"reference": "PO-1", "lines": [BRUSHED], "ship_to": SHIP_TO}
    assert globex.post("/orders/", good, key="same").status_code == 201


def test_a_post_without_a_key_is_a_400_and_does_nothing(acme, client):
    response = client.post(
        f"{API}/quotes/",
        quote_body(),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {acme.key}",
    )

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_idempotency_key"
    assert not MerchantQuote.objects.exists()


def test_keys_are_kept_a_day_at_least(acme):
    acme.post("/quotes/", quote_body(), key="old")
    MerchantIdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=23))

    assert idempotency_records_purge(older_than=timedelta(minutes=1)) == 0
    MerchantIdempotencyRecord.objects.update(created_at=timezone.now() - timedelta(hours=25))
    assert idempotency_records_purge() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_key_sent_ten_times_at_once_makes_one_order(tumbler):
    from tests.merchants.conftest import merchant

    acme = merchant("Concurrent")
    body = {"reference": "PO-C", "lines": [BRUSHED], "ship_to": SHIP_TO}

    def send(_: int) -> tuple[int, str]:
        try:
            response = Client().post(
                f"{API}/orders/",
                body,
                content_type="application/json",
                HTTP_AUTHORIZATION=f"Bearer {acme.key}",
                HTTP_IDEMPOTENCY_KEY="burst",
            )
            return response.status_code, response.json()["id"]
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=5) as pool:
        answers = list(pool.map(send, range(10)))

    assert {a for a in answers} == {(201, MerchantOrder.objects.get().public_id)}
