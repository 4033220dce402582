"""Business accounts, keys and clients for the merchant API, made through the services."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from merchants.models import BusinessAccount
from merchants.services.accounts import business_account_create, merchant_key_create
from tests.factories import PlantFactory, demo_product
from tests.merchants.https_server import https_server  # noqa: F401  (a fixture)

API = "/api/merchant/v1"
SHIP_TO = {
    "name": "Li Wei",
    "line1": "88 Century Avenue",
    "city": "Shanghai",
    "region": "Shanghai",
    "postal_code": "200120",
    "country": "CN",
}
# The engravable tumbler (base 129.00): brushed +0, matte black +15.
BRUSHED = {"sku": "TUMBLER-ENGRAVED", "options": {"finish": "brushed"}, "quantity": 2}


@dataclass
class Merchant:
    account: BusinessAccount
    key: str
    client: Client

    def get(self, path: str, **query: Any):
        return self.client.get(API + path, query, HTTP_AUTHORIZATION=f"Bearer {self.key}")

    def post(self, path: str, body: Any = None, *, key: str | None = None, **headers: str):
        return self.client.post(
            API + path,
            body if body is not None else {},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.key}",
            HTTP_IDEMPOTENCY_KEY=key or uuid.uuid4().hex,
            **headers,
        )

    def put(self, path: str, body: Any):
        return self.client.put(
            API + path,
            body,
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {self.key}",
        )


def merchant(name: str, *, sandbox: bool = False, **terms: Any) -> Merchant:
    account = business_account_create(
        name=name, contact_email=f"{name.lower()}@example.com", **terms
    )
    _, key = merchant_key_create(account=account, name="shop", sandbox=sandbox)
    return Merchant(account, key, Client())


@pytest.fixture
def quiet_broker(monkeypatch):
    """Keep planning messages off Redis: tests drive planning through the services."""
    from orders.services import outbox

    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)


@pytest.fixture
def tumbler(db):
    """The engravable tumbler and a plant in Shenzhen that makes it."""
    PlantFactory(code="sz-engrave", city="Shenzhen")
    return demo_product("TUMBLER-ENGRAVED")


@pytest.fixture
def acme(tumbler) -> Merchant:
    """A business on invoice terms with 10 % off and a 10,000 credit limit."""
    return merchant(
        "Acme",
        payment_terms="invoice",
        discount_percent=Decimal("10"),
        credit_limit=Decimal("10000"),
    )


@pytest.fixture
def globex(tumbler) -> Merchant:
    """Another business: card terms, list prices."""
    return merchant("Globex")


@pytest.fixture
def sandbox(tumbler) -> Merchant:
    return merchant("Initech", sandbox=True)


def quote_body(*lines: dict, method: str = "standard") -> dict:
    return {"lines": list(lines) or [BRUSHED], "ship_to": SHIP_TO, "shipping_method": method}
