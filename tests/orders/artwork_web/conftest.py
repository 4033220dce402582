from __future__ import annotations

import pytest
from django.test import Client

from configurator import ProductDefinition
from demo.catalog import DEMO_PRODUCTS, DEMO_RULES
from orders.services.catalog import product_upsert
from tests.imaging import fixtures as fx


@pytest.fixture
def tee(db):
    """The configurator's demo T-shirt (front/back artwork options, colour variants)."""
    data = next(p for p in DEMO_PRODUCTS if p["sku"] == "TEE-PRINT")
    definition = ProductDefinition.from_dict(data, shared_rules=DEMO_RULES).to_dict()
    return product_upsert(definition=definition)


@pytest.fixture
def other_client(db) -> Client:
    return Client()


def png(size=(1200, 1600), mode="RGB") -> bytes:
    return fx.encode(fx.photo(size, mode), "PNG")


def upload(client: Client, data: bytes, name: str = "art.png", headers=None, **fields):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/api/v1/artworks/",
        {"file": SimpleUploadedFile(name, data, content_type="image/png"), **fields},
        headers=headers or {},
    )
