"""A table with paid services, bought through the cart and checkout as a shopper buys it."""

from __future__ import annotations

from typing import Any

import pytest

from orders.models import Order, Product
from orders.services.cart import cart_get_or_create, cart_line_add
from orders.services.configurations import configuration_create
from tests.factories import PlantFactory, demo_product
from tests.orders.conftest import place

OAK_TABLE = {"width": "120", "depth": "80", "wood": "oak"}
TABLE_CAPABILITIES = ("cnc_cut", "assemble", "finish", "qc", "pack")


def table_for_sale() -> Product:
    """The solid wood table, and a plant in Foshan that can make it."""
    PlantFactory(code="fs-wood", city="Foshan", capabilities=TABLE_CAPABILITIES)
    return demo_product("TABLE-SOLID")


@pytest.fixture
def table(db) -> Product:
    return table_for_sale()


def buy(product: Product, *, quantity: int = 1, language: str = "en", **options: Any) -> Order:
    """Configure, put in the cart and check out (paid by card, shopping in ``language``)
    one design."""
    cart = cart_get_or_create(token=None, customer_id=None)
    configuration, quantity = configuration_create(
        product=product, raw={"quantity": quantity, "options": options}
    )
    cart_line_add(cart=cart, configuration=configuration, quantity=quantity)
    return place(cart, language=language)
