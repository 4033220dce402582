from __future__ import annotations

import pytest

from orders.models import Product
from tests.factories import demo_product


@pytest.fixture
def tee(db) -> Product:
    return demo_product("TEE-PRINT")
