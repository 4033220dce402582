"""Who is shopping: a signed-in customer, or a guest known by the cart token in the session."""

from __future__ import annotations

from django.http import HttpRequest

from orders.models import Cart, Order
from orders.selectors.orders import SESSION_KEY
from orders.services.cart import cart_get, cart_get_or_create

CART_SESSION_KEY = "c2m_cart"


def customer_id(request: HttpRequest) -> int | None:
    return request.user.pk if request.user.is_authenticated else None


def current_cart(request: HttpRequest) -> Cart | None:
    return cart_get(token=request.session.get(CART_SESSION_KEY), customer_id=customer_id(request))


def current_cart_or_create(request: HttpRequest) -> Cart:
    cart = cart_get_or_create(
        token=request.session.get(CART_SESSION_KEY), customer_id=customer_id(request)
    )
    if cart.customer_id is None:
        request.session[CART_SESSION_KEY] = cart.token
    return cart


def remember_order(request: HttpRequest, order: Order) -> None:
    """Let this browser see the order it placed, even as a guest."""
    numbers = request.session.get(SESSION_KEY, [])
    if order.number not in numbers:
        request.session[SESSION_KEY] = [*numbers, order.number][-50:]
