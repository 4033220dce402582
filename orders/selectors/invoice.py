"""What a shopper paying by invoice needs: how much, to which account, with which
reference, and by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from orders.models import Order, OrderStatus, PaymentStatus

INVOICE_PROVIDER = "invoice"
# The reason an order is cancelled with when its invoice was not paid in time.
INVOICE_UNPAID = "invoice_unpaid"


@dataclass(frozen=True)
class InvoiceInstructions:
    """The amount due in ``currency``, the bank account to pay it to, the ``reference``
    that names the payment in the bank's notification, and the last day to pay."""

    amount: Decimal
    currency: str
    reference: str
    pay_by: date
    account_holder: str
    bank: str
    account_number: str
    swift_code: str


def invoice_instructions(*, order: Order) -> InvoiceInstructions | None:
    """The instructions for ``order`` while it awaits an invoice payment; None when it is
    paid another way, already paid or cancelled (one query)."""
    if order.payment_provider != INVOICE_PROVIDER or order.status != OrderStatus.PENDING_PAYMENT:
        return None
    payment = (
        order.payments.filter(provider=INVOICE_PROVIDER, status=PaymentStatus.PENDING)
        .order_by("pk")
        .last()
    )
    if payment is None:
        return None
    account = settings.INVOICE_BANK_ACCOUNT
    return InvoiceInstructions(
        amount=payment.amount - payment.captured_amount,
        currency=payment.currency,
        reference=payment.reference,
        pay_by=invoice_pay_by(order=order),
        account_holder=account.get("holder", ""),
        bank=account.get("bank", ""),
        account_number=account.get("account", ""),
        swift_code=account.get("swift", ""),
    )


def invoice_pay_by(*, order: Order) -> date:
    """The last day (in the shop's time zone) to pay ``order``'s invoice."""
    return timezone.localdate(order.created_at) + timedelta(days=settings.INVOICE_PAYMENT_DAYS)


def invoice_orders_overdue(*, today: date) -> QuerySet[Order]:
    """Invoice orders still unpaid after their last day to pay, ``today`` being a day in
    the shop's time zone."""
    last_placing_day = today - timedelta(days=settings.INVOICE_PAYMENT_DAYS)
    placed_before = timezone.make_aware(datetime.combine(last_placing_day, time.min))
    return Order.objects.filter(
        payment_provider=INVOICE_PROVIDER,
        status=OrderStatus.PENDING_PAYMENT,
        created_at__lt=placed_before,
    ).order_by("pk")
