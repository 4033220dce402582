"""Placing orders and moving them through their status machine."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from c2m.db import check_transition, lock_one
from orders.models import (
    ORDER_TRANSITIONS,
    Configuration,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    Product,
)
from orders.services.configurations import configuration_price
from orders.services.outbox import outbox_enqueue

# Crockford's base32 without look-alikes: numbers are read out over the phone.
_NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class LineRequest:
    product: Product
    configuration: Configuration
    quantity: int


def order_place(
    *,
    lines: list[LineRequest],
    email: str,
    ship_to: dict[str, str],
    actor: str,
    customer_id: int | None = None,
    language: str = "en",
    idempotency_key: str | None = None,
    paid: bool = True,
) -> Order:
    """Create an order from configured lines, pricing every line on the server.

    Replaying the same ``idempotency_key`` returns the first order. A paid order writes an
    outbox message in the same transaction, so production is certain to hear of it.
    """
    if idempotency_key:
        existing = Order.objects.filter(idempotency_key=idempotency_key).first()
        if existing:
            return existing
    try:
        with transaction.atomic():
            return _order_create(
                lines=lines,
                email=email,
                ship_to=ship_to,
                actor=actor,
                customer_id=customer_id,
                language=language,
                idempotency_key=idempotency_key,
                paid=paid,
            )
    except IntegrityError:
        if idempotency_key:
            existing = Order.objects.filter(idempotency_key=idempotency_key).first()
            if existing:
                return existing
        raise


def _order_create(
    *,
    lines: list[LineRequest],
    email: str,
    ship_to: dict[str, str],
    actor: str,
    customer_id: int | None,
    language: str,
    idempotency_key: str | None,
    paid: bool,
) -> Order:
    priced = []
    for line in lines:
        quote = configuration_price(product=line.product, configuration=line.configuration)
        priced.append((line, quote))
    subtotal = sum((quote.total for _, quote in priced), Decimal("0"))
    lead_days = max(line.product.default_lead_days for line in lines)
    status = OrderStatus.PLACED if paid else OrderStatus.PENDING_PAYMENT
    order = Order.objects.create(
        number=_new_number(),
        customer_id=customer_id,
        email=email,
        status=status,
        currency=lines[0].product.currency,
        subtotal=subtotal,
        total=subtotal,
        ship_to=ship_to,
        language=language,
        tracking_token=secrets.token_urlsafe(24),
        idempotency_key=idempotency_key,
        promised_date=timezone.localdate() + timedelta(days=lead_days),
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            line_no=no,
            product_sku=line.product.sku,
            product_name=line.product.name,
            configuration_hash=line.configuration.content_hash,
            configuration=line.configuration.values,
            configuration_summary=line.configuration.summary,
            quantity=line.quantity,
            unit_price=quote.unit_price,
            line_total=quote.total,
            price_breakdown=quote.breakdown,
        )
        for no, (line, quote) in enumerate(priced, start=1)
    )
    OrderEvent.objects.create(
        order=order, kind=OrderEvent.Kind.STATUS, code=status, to_status=status, actor=actor
    )
    if paid:
        outbox_enqueue(topic="order.paid", payload={"order_id": order.pk})
    return order


def order_transition(
    *,
    order_id: int,
    to: str,
    actor: str,
    code: str | None = None,
    data: dict[str, Any] | None = None,
) -> Order:
    """Move an order to ``to`` if the transition table allows it; record who did it.

    Raises ``Conflict`` (code ``invalid_transition``) naming the allowed next steps.
    """
    with transaction.atomic():
        order = lock_one(Order.objects, pk=order_id)
        check_transition(ORDER_TRANSITIONS, order.status, to, what="order")
        previous, order.status = order.status, to
        order.save(update_fields=["status", "updated_at"])
        OrderEvent.objects.create(
            order=order,
            kind=OrderEvent.Kind.STATUS,
            code=code or to,
            from_status=previous,
            to_status=to,
            actor=actor,
            data=data or {},
        )
    return order


def _new_number() -> str:
    for _ in range(5):
        raw = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(8))
        number = f"C2M-{raw[:4]}-{raw[4:]}"
        if not Order.objects.filter(number=number).exists():
            return number
    raise RuntimeError("could not find a free order number")
