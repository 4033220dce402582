"""Reading orders on behalf of the person asking: nobody else's order is ever found."""

from __future__ import annotations

import hmac
import re

from django.db.models import QuerySet

from c2m.errors import NotFound
from orders.models import Order

SESSION_KEY = "c2m_orders"
# What an order number can look like; anything else is not looked up at all.
_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9-]{0,19}")


def order_visible(
    *,
    number: str,
    user_id: int | None,
    session_numbers: list[str] | None = None,
    token: str | None = None,
) -> Order:
    """Return the order if the viewer may see it: its signed-in owner, the browser that
    placed it, or whoever holds its tracking token. Anyone else gets ``NotFound``, the
    same answer as for a number that does not exist."""
    if not _NUMBER.fullmatch(number or ""):
        raise NotFound("No such order.")
    order = (
        Order.objects.filter(number=number)
        .prefetch_related("lines__warranty", "events", "shipments")
        .first()
    )
    if order is None:
        raise NotFound("No such order.")
    owner = user_id is not None and order.customer_id == user_id
    placed_here = number in (session_numbers or [])
    # Bytes: ``compare_digest`` raises TypeError for str with non-ASCII characters.
    has_token = bool(token) and hmac.compare_digest(
        order.tracking_token.encode(), str(token).encode("utf-8", "surrogatepass")
    )
    if not (owner or placed_here or has_token):
        raise NotFound("No such order.")
    return order


def order_of_guest(*, number: str, email: str) -> Order:
    """The order with this number placed with this contact email (any case), for a guest
    who lost the link; ``NotFound`` (the same for a wrong number or a wrong email)."""
    number = (number or "").strip().upper()
    if not _NUMBER.fullmatch(number) or not email:
        raise NotFound("No such order.")
    order = Order.objects.filter(number=number, email__iexact=email.strip()).first()
    if order is None:
        raise NotFound("No such order.")
    return order


def orders_of_customer(*, user_id: int) -> QuerySet[Order]:
    return Order.objects.filter(customer_id=user_id).order_by("-created_at")
