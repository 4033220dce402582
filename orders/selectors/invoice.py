"""What a shopper paying by invoice needs: how much, to which account, with which
reference, and by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from orders.models import Order, OrderStatus, PaymentStatus

INVOICE_PROVIDER = "invoice"


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
    created = timezone.localdate(order.created_at)
    return InvoiceInstructions(
        amount=payment.amount - payment.captured_amount,
        currency=payment.currency,
        reference=payment.reference,
        pay_by=created + timedelta(days=settings.INVOICE_PAYMENT_DAYS),
        account_holder=account.get("holder", ""),
        bank=account.get("bank", ""),
        account_number=account.get("account", ""),
        swift_code=account.get("swift", ""),
    )
