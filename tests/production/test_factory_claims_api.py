"""Claims reach the plant: the factory API lists claims against its own work (never
another plant's), serves the customer's photos to it alone, takes its response back to
the operators, and pushes a webhook event when a claim is filed."""

from __future__ import annotations

import pytest
from PIL import Image

from orders.models import Claim
from orders.services.claims import claim_approve_reprint, claim_file
from production.models import PlantClaim, WebhookDelivery
from production.services.api_keys import api_key_create
from production.services.webhooks import webhook_register
from tests.factories import PlantFactory, demo_product
from tests.orders.claims.conftest import Delivered, delivered_order, photo, production_hears

pytestmark = pytest.mark.django_db
API = "/api/factory/v1/claims/"


def auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Api-Key {key}"}


@pytest.fixture
def delivered(db, monkeypatch) -> Delivered:
    """A tumbler order made and delivered by a Shenzhen plant (the relay kept quiet: the
    test hands production its messages itself)."""
    from orders.services import outbox

    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)
    PlantFactory(code="sz-engrave", city="Shenzhen")
    return delivered_order(demo_product("TUMBLER-ENGRAVED"))


@pytest.fixture
def filed(delivered) -> PlantClaim:
    webhook_register(factory_id=delivered.plant.pk, url="https://erp.example.com/c2m")
    claim_file(
        order_id=delivered.order.pk,
        line_id=delivered.order.lines.get().pk,
        reason="misprint",
        quantity=1,
        description="Blurred letters.",
        photos=[photo()],
        actor="customer",
    )
    production_hears()
    return PlantClaim.objects.get()


@pytest.fixture
def key(delivered) -> str:
    return api_key_create(factory=delivered.plant, name="erp")[1]


def test_the_plant_lists_and_reads_claims_against_its_work(client, filed, key):
    [row] = client.get(API, **auth(key)).json()["results"]
    assert row["claim"] == filed.claim_number and row["reason"] == "misprint"
    assert row["work_order"] == filed.work_order.number and row["defect"] is True
    detail = client.get(f"{API}{filed.pk}/", **auth(key)).json()
    assert detail["description"] == "Blurred letters." and len(detail["photos"]) == 1
    picture = client.get(detail["photos"][0], **auth(key))
    assert picture.status_code == 200 and picture["Content-Type"] == "image/png"
    assert picture["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in picture["Content-Disposition"]
    import io

    assert Image.open(io.BytesIO(picture.content)).size == (800, 600)


def test_a_webhook_tells_the_plant_a_claim_was_filed(filed):
    [push] = WebhookDelivery.objects.filter(payload__type="claim.filed")
    assert push.payload["claim"] == filed.claim_number
    assert push.webhook.factory_id == filed.factory_id


def test_another_plant_sees_nothing_of_it(client, filed):
    _, other = api_key_create(factory=PlantFactory(code="other"), name="erp")
    assert client.get(API, **auth(other)).json()["results"] == []
    assert client.get(f"{API}{filed.pk}/", **auth(other)).status_code == 404
    photo_url = f"{API}{filed.pk}/photos/{filed.photos[0]}"
    assert client.get(photo_url, **auth(other)).status_code == 404
    answer = client.post(
        f"{API}{filed.pk}/respond/",
        {"response": "not us"},
        content_type="application/json",
        **auth(other),
    )
    assert answer.status_code == 404
    assert client.get(API).status_code == 401


def test_the_plant_responds_and_the_operators_read_it_on_the_claim(client, filed, key):
    response = client.post(
        f"{API}{filed.pk}/respond/",
        {"response": "Our QC photo of batch 12 shows sharp letters."},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="resp-1",
        **auth(key),
    )
    assert response.status_code == 200, response.json()
    assert response.json()["response"].startswith("Our QC photo")
    claim = Claim.objects.get(number=filed.claim_number)
    assert claim.events.get(code="plant_response").data["plant"] == filed.factory.code
    empty = client.post(
        f"{API}{filed.pk}/respond/", {"response": ""}, content_type="application/json", **auth(key)
    )
    assert empty.status_code == 400 and "response" in empty.json()["errors"]


def test_the_plant_hears_the_decision(client, filed, key):
    claim = Claim.objects.get(number=filed.claim_number)
    claim_approve_reprint(claim_id=claim.pk, plant_at_fault=True, actor="admin:op")
    production_hears()
    row = client.get(f"{API}{filed.pk}/", **auth(key)).json()
    assert row["decision"] == "reprint" and row["plant_at_fault"] is True
    assert WebhookDelivery.objects.filter(payload__type="claim.decided").count() == 1
