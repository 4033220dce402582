"""The demo catalog, seeded through the catalog services, for storefront page tests."""

from __future__ import annotations

import pytest

from orders.models import Product
from tests.factories import demo_product


@pytest.fixture
def catalog(db) -> dict[str, Product]:
    """Every demo product by SKU."""
    return {
        sku: demo_product(sku)
        for sku in ("TEE-PRINT", "TUMBLER-ENGRAVED", "SHIRT-MTM", "TABLE-SOLID")
    }


@pytest.fixture
def tumbler(catalog) -> Product:
    return catalog["TUMBLER-ENGRAVED"]


@pytest.fixture
def table(catalog) -> Product:
    return catalog["TABLE-SOLID"]


@pytest.fixture
def shirt(catalog) -> Product:
    return catalog["SHIRT-MTM"]


@pytest.fixture
def tee(catalog) -> Product:
    return catalog["TEE-PRINT"]
