"""Builders for cart and checkout tests, all through the services."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from orders.models import Cart, Order
from orders.services.cart import cart_get_or_create, cart_line_add
from orders.services.checkout import checkout_place
from orders.services.configurations import configuration_create
from orders.services.payments.sandbox import APPROVE
from tests.factories import PlantFactory, demo_product

ADDRESS = {
    "name": "Li Wei",
    "line1": "88 Century Avenue",
    "city": "Shanghai",
    "region": "Shanghai",
    "postal_code": "200120",
    "country": "CN",
}
# One design per cart line, in this order. Unit prices (tumbler base 129.00): brushed +0
# = 129.00; matte black +15 = 144.00; powder white +15 = 144.00; brushed 750 ml +20 =
# 149.00; mirror +10 = 139.00. No engraving, so no set-up fee.
DESIGNS = (
    {"finish": "brushed"},
    {"finish": "matte_black"},
    {"finish": "powder_white"},
    {"finish": "brushed", "capacity": "750ml"},
    {"finish": "mirror"},
)


@pytest.fixture
def tumbler(db):
    """The engravable tumbler, and a plant in Shenzhen that can make it (checkout refuses
    what no plant can make and deliver)."""
    PlantFactory(code="sz-engrave", city="Shenzhen")
    return demo_product("TUMBLER-ENGRAVED")


def fill_cart(
    product, *, lines: int = 1, quantity: int = 2, customer_id: int | None = None
) -> Cart:
    cart = cart_get_or_create(token=None, customer_id=customer_id)
    for options in DESIGNS[:lines]:
        # The configuration carries the line's quantity, as the product page makes it.
        configuration, _ = configuration_create(
            product=product, raw={"quantity": quantity, "options": options}
        )
        cart_line_add(cart=cart, configuration=configuration, quantity=quantity)
    return cart


def place(cart: Cart, **overrides: Any) -> Order:
    kwargs = {
        "cart_id": cart.pk,
        "idempotency_key": uuid.uuid4().hex,
        "email": "li.wei@example.com",
        "address": ADDRESS,
        "shipping_method": "standard",
        "payment_provider": "test",
        "payment_data": {"card_number": APPROVE},
        "actor": "guest",
        "customer_id": cart.customer_id,
    }
    return checkout_place(**(kwargs | overrides))


@pytest.fixture
def quiet_broker(monkeypatch):
    """Keep planning messages off Redis: a session's Celery worker (started by the e2e
    tests) would otherwise plan the order behind the test's back. Tests using this drive
    planning through the services themselves."""
    from orders.services import outbox

    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)
