"""Placing orders and moving them through their status machine."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from c2m.db import check_transition, lock_one
from c2m.errors import NotFound
from orders.models import (
    ORDER_TRANSITIONS,
    Configuration,
    Order,
    OrderEvent,
    OrderEventCode,
    OrderLine,
    OrderStatus,
    Product,
)
from orders.services.configurations import PriceQuote, configuration_price
from orders.services.express import express_dates, express_refusal, line_is_express
from orders.services.outbox import outbox_enqueue
from orders.services.promise import ShippingPromise, shipping_promises
from orders.services.service_tasks import service_tasks_create

# Crockford's base32 without look-alikes: numbers are read out over the phone.
_NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"


@dataclass(frozen=True)
class LineRequest:
    product: Product
    configuration: Configuration
    quantity: int


@dataclass(frozen=True)
class PricedLine:
    product: Product
    configuration: Configuration
    quantity: int
    quote: PriceQuote

    @property
    def total(self) -> Decimal:
        """Units plus one-off set-up fees, as the configurator priced this quantity."""
        return self.quote.total

    @property
    def per_unit_lines(self) -> list[dict[str, Any]]:
        """The breakdown lines that sum to the price of one piece."""
        return [line for line in self.quote.breakdown if line["per_unit"]]

    @property
    def one_off_lines(self) -> list[dict[str, Any]]:
        """The breakdown lines charged once per order line (set-up fees)."""
        return [line for line in self.quote.breakdown if not line["per_unit"]]

    @property
    def units_total(self) -> Decimal:
        """The price of one piece times the quantity: the total before one-off fees."""
        return self.total - sum(
            (Decimal(line["amount"]) for line in self.one_off_lines), Decimal(0)
        )


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
    shipping_method: str = "standard",
) -> Order:
    """Create an order from configured lines, pricing every line on the server.

    Replaying the same ``idempotency_key`` returns the first order. A paid order moves on
    to ``placed`` and writes the planning message in the same transaction. The storefront
    places orders through ``checkout_place``; this is for imports, demos and tests.

    The order is promised what the live promise engine gives ``shipping_method`` to
    ``ship_to``, as at checkout. An order sold elsewhere is never refused here: when no
    plant can promise it, it gets the products' default lead time and the router's verdict
    breaks that promise to the customer after planning.
    """
    if idempotency_key:
        existing = Order.objects.filter(idempotency_key=idempotency_key).first()
        if existing:
            return existing
    priced = [
        PricedLine(
            line.product,
            line.configuration,
            line.quantity,
            configuration_price(product=line.product, configuration=line.configuration),
        )
        for line in lines
    ]
    promise = _live_promise(priced, ship_to=ship_to, shipping_method=shipping_method)
    try:
        with transaction.atomic():
            order = order_create(
                lines=priced,
                email=email,
                ship_to=ship_to,
                actor=actor,
                customer_id=customer_id,
                language=language,
                idempotency_key=idempotency_key,
                shipping_method=shipping_method,
                promised_date=promise.date if promise else None,
                promise_basis=promise.basis if promise else None,
            )
            if paid:
                order_paid(order=order, actor=actor)
            return order
    except IntegrityError:
        if idempotency_key:
            existing = Order.objects.filter(idempotency_key=idempotency_key).first()
            if existing:
                return existing
        raise


def _live_promise(
    lines: list[PricedLine], *, ship_to: dict[str, str], shipping_method: str
) -> ShippingPromise | None:
    """The live promise for ``shipping_method``, or None when no plant can give one."""
    promises = shipping_promises(lines=[promise_input(line) for line in lines], ship_to=ship_to)
    found = next((p for p in promises if p.code == shipping_method and p.date), None)
    refusal = express_refusal(found.basis if found else None, [ln.product.name for ln in lines])
    if refusal is not None:
        raise refusal
    return found


def promise_input(line: PricedLine) -> tuple[str, dict[str, Any], int, bool]:
    """What the promise engine needs of a priced line: sku, values, quantity, express."""
    return (
        line.product.sku,
        line.configuration.values,
        line.quantity,
        line_is_express(line.quote.breakdown),
    )


def order_create(
    *,
    lines: list[PricedLine],
    email: str,
    ship_to: dict[str, str],
    actor: str,
    customer_id: int | None,
    language: str,
    idempotency_key: str | None,
    shipping_method: str = "",
    shipping_total: Decimal = Decimal("0"),
    payment_provider: str = "",
    promised_date: date | None = None,
    promise_basis: dict[str, Any] | None = None,
) -> Order:
    """Write an order awaiting payment, its frozen lines and its first event: three inserts
    whatever the number of lines. Call inside a transaction.

    ``promised_date`` and ``promise_basis`` are the promise checkout sold it with; without
    them (imports, demos) the products' default lead time is promised.
    """
    subtotal = sum((line.total for line in lines), Decimal("0"))
    if promised_date is None:
        lead_days = max(line.product.default_lead_days for line in lines)
        promised_date = timezone.localdate() + timedelta(days=lead_days)
        promise_basis = {"default_lead_days": lead_days}
    express = express_dates(promise_basis)
    order = Order.objects.create(
        number=_new_number(),
        customer_id=customer_id,
        email=email,
        status=OrderStatus.PENDING_PAYMENT,
        currency=lines[0].product.currency,
        subtotal=subtotal,
        shipping_total=shipping_total,
        total=subtotal + shipping_total,
        ship_to=ship_to,
        shipping_method=shipping_method,
        payment_provider=payment_provider,
        language=language,
        tracking_token=secrets.token_urlsafe(24),
        idempotency_key=idempotency_key,
        promised_date=promised_date,
        promise_basis=promise_basis or {},
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            line_no=no,
            product_sku=line.product.sku,
            product_name=line.product.name,
            product_name_zh=line.product.name_zh,
            configuration_hash=line.configuration.content_hash,
            configuration=line.configuration.values,
            configuration_summary=line.configuration.summary,
            preflight=line.configuration.preflight,
            quantity=line.quantity,
            unit_price=line.quote.unit_price,
            line_total=line.total,
            price_breakdown=line.quote.breakdown,
            warranty_months=line.quote.warranty_months,
            return_days=line.quote.return_days,
            return_refusal=line.quote.return_refusal,
            express_date=express[no - 1] if no <= len(express) else None,
        )
        for no, line in enumerate(lines, start=1)
    )
    OrderEvent.objects.create(
        order=order,
        kind=OrderEvent.Kind.STATUS,
        code=OrderEventCode.PLACED,
        to_status=OrderStatus.PENDING_PAYMENT,
        actor=actor,
    )
    return order


def order_paid(*, order: Order, actor: str, data: dict[str, Any] | None = None) -> Order:
    """Move an order the caller has locked (or just created) from ``pending_payment`` to
    ``placed`` and write the planning message with it: only paid orders reach production."""
    order_move(order=order, to=OrderStatus.PLACED, actor=actor, code=OrderEventCode.PAID, data=data)
    outbox_enqueue(topic="order.paid", payload={"order_id": order.pk})
    service_tasks_create(order_id=order.pk)
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

    Raises ``Conflict`` (code ``invalid_transition``) naming the allowed next steps, and
    ``NotFound`` for an order that does not exist.
    """
    with transaction.atomic():
        try:
            order = lock_one(Order.objects, pk=order_id)
        except Order.DoesNotExist:
            raise NotFound("No such order.") from None
        return order_move(order=order, to=to, actor=actor, code=code, data=data)


def order_move(
    *,
    order: Order,
    to: str,
    actor: str,
    code: str | None = None,
    data: dict[str, Any] | None = None,
) -> Order:
    """The one place an order's status changes: check the table, save, write the event.

    The caller holds the row lock (``order_transition`` takes it). Raises ``Conflict``.
    """
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
    # 30^8 ≈ 6.6e11 numbers: a clash is left to the unique constraint rather than paying a
    # query on every checkout to look for one.
    raw = "".join(secrets.choice(_NUMBER_ALPHABET) for _ in range(8))
    return f"C2M-{raw[:4]}-{raw[4:]}"
