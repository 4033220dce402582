"""Merchant A never reaches merchant B's quotes, orders, webhooks, prices or artwork, by
any endpoint; and a sandbox key never sees live orders (nor the reverse)."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from merchants.services.accounts import contract_price_set, merchant_key_create
from tests.merchants.conftest import BRUSHED, SHIP_TO, Merchant, quote_body

pytestmark = pytest.mark.django_db


def png(size=(1800, 2400)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def upload(merchant: Merchant, data: bytes):
    return merchant.client.post(
        "/api/merchant/v1/artworks/",
        {"file": io.BytesIO(data)},
        HTTP_AUTHORIZATION=f"Bearer {merchant.key}",
    )


@pytest.fixture
def b_objects(globex, tumbler, quiet_broker) -> dict[str, str]:
    """Merchant B's quote, order (with a webhook event) and artwork."""
    from tests.factories import demo_product

    demo_product("TEE-PRINT")
    contract_price_set(account=globex.account, product=tumbler, unit_price=77)
    quote = globex.post("/quotes/", quote_body()).json()
    order = globex.post("/orders/", {"reference": "B-1", "quote_id": quote["id"]}).json()
    globex.post(f"/orders/{order['id']}/cancel/")  # emits order.cancelled
    artwork = upload(globex, png()).json()
    return {"quote": quote["id"], "order": order["id"], "artwork": artwork["id"]}


def test_merchant_a_reaches_none_of_merchant_bs_objects_by_any_endpoint(acme, b_objects):
    quote, order = b_objects["quote"], b_objects["order"]
    reads = [f"/quotes/{quote}/", f"/orders/{order}/"]
    writes = [f"/orders/{order}/confirm/", f"/orders/{order}/cancel/", f"/orders/{order}/simulate/"]

    for path in reads:
        response = acme.get(path)
        assert response.status_code == 404, path
    for path in writes:
        response = acme.post(path)
        assert response.status_code == 404, path
    assert acme.get("/orders/").json()["results"] == []
    assert acme.get("/orders/", reference="B-1").json()["results"] == []
    assert acme.get("/webhook/events/").json()["results"] == []
    from_quote = acme.post("/orders/", {"reference": "A-1", "quote_id": quote})
    assert from_quote.status_code == 404 and from_quote.json()["code"] == "quote_not_found"
    # B's contract price is B's alone.
    tumbler = acme.get("/products/TUMBLER-ENGRAVED/").json()
    assert tumbler["price_list"]["kind"] == "discount"
    assert acme.post("/quotes/", quote_body()).json()["lines"][0]["unit_price"] == "116.10"
    # B's artwork cannot be placed on A's products.
    tee = {
        "sku": "TEE-PRINT",
        "quantity": 1,
        "options": {
            "size": "M",
            "colour": "#111111",
            "artwork_front": {"artwork_id": b_objects["artwork"]},
        },
    }
    refused = acme.post("/quotes/", quote_body(tee))
    assert refused.status_code == 400
    assert any(k.startswith("lines[0].options") for k in refused.json()["errors"])


def test_the_owner_places_its_own_artwork(globex, b_objects):
    tee = {
        "sku": "TEE-PRINT",
        "quantity": 1,
        "options": {
            "size": "M",
            "colour": "#111111",
            "artwork_front": {"artwork_id": b_objects["artwork"]},
        },
    }

    response = globex.post("/quotes/", quote_body(tee))

    assert response.status_code == 201, response.content


def test_sandbox_and_live_keys_of_one_account_see_only_their_own_orders(acme, quiet_broker):
    _, test_key = merchant_key_create(account=acme.account, name="test", sandbox=True)
    sandbox = Merchant(acme.account, test_key, acme.client)
    live = acme.post("/orders/", {"reference": "L-1", "lines": [BRUSHED], "ship_to": SHIP_TO})

    assert sandbox.get(f"/orders/{live.json()['id']}/").status_code == 404
    assert sandbox.get("/orders/").json()["results"] == []
    assert sandbox.post(f"/orders/{live.json()['id']}/simulate/").status_code == 404
