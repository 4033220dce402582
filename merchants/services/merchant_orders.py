"""Merchant orders: drafts from a quote or from lines, confirmation through checkout,
cancellation within the window, and the one writer of their status."""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from c2m.db import check_transition, lock_one
from c2m.errors import ApplicationError, Conflict, NotFound
from merchants.models import (
    MERCHANT_ORDER_TRANSITIONS,
    WEBHOOK_TYPES,
    BusinessAccount,
    MerchantOrder,
    MerchantOrderEvent,
    MerchantOrderStatus,
    MerchantQuote,
    PaymentTerms,
)
from merchants.services.quotes import LineInput, line_snapshot, lines_reprice, quote_create
from merchants.services.webhooks import webhook_event_emit
from orders.models import Payment, PaymentIntent, PaymentIntentStatus, PaymentStatus
from orders.models.payment_intent_status import LIVE
from orders.services.checkout import checkout_intent_record, checkout_order_write, checkout_pay
from orders.services.lifecycle import order_cancel
from orders.services.payments import InvoiceProvider, payment_providers_enabled
from orders.services.payments.intents import (
    IntentCannotComplete,
    PaymentUnconfirmed,
    payment_intent_finalizer,
)
from orders.services.shipping import shipping_method_get

S = MerchantOrderStatus
# The payment intents a merchant's confirmation records (``PaymentIntent.purpose``).
MERCHANT_ORDER = "merchant_order"


class CreditLimitExceeded(ApplicationError):
    status = 402
    code = "credit_limit_exceeded"


def merchant_order_get(*, account_id: int, sandbox: bool, public_id: str) -> MerchantOrder:
    """The account's order (of the key's mode); ``NotFound`` for anyone else's."""
    public_id = str(public_id)[:40]
    order = (
        MerchantOrder.objects.filter(account_id=account_id, sandbox=sandbox, public_id=public_id)
        .select_related("quote", "order")
        .first()
        if "\x00" not in public_id  # PostgreSQL cannot compare text holding NUL
        else None
    )
    if order is None:
        raise NotFound("No such order.", code="order_not_found")
    return order


def merchant_order_create(
    *,
    account: BusinessAccount,
    sandbox: bool,
    reference: str,
    quote_id: str | None = None,
    lines: list[LineInput] | None = None,
    ship_to: dict[str, Any] | None = None,
    shipping_method: str = "standard",
    confirm: bool = False,
    payment: dict[str, Any] | None = None,
) -> MerchantOrder:
    """A draft order from the account's quote ``quote_id`` (still valid) or from
    ``lines`` (quoted now); with ``confirm`` it is confirmed at once, or not made at all
    when the confirmation is refused.

    Raises ``NotFound`` (quote), ``ApplicationError`` (``quote_expired``, the quote's
    errors), ``Conflict`` (``reference_taken``).
    """
    if quote_id is not None:
        quote = MerchantQuote.objects.filter(
            account=account, sandbox=sandbox, public_id=str(quote_id)[:40].replace("\x00", "")
        ).first()
        if quote is None:
            raise NotFound("No such quote.", code="quote_not_found")
        if quote.valid_until < timezone.now():
            raise ApplicationError(
                "This quote has expired; ask for a new one.",
                code="quote_expired",
                errors={"quote_id": ["Expired."]},
            )
    else:
        quote = quote_create(
            account=account,
            sandbox=sandbox,
            lines=lines or [],
            ship_to=ship_to or {},
            shipping_method=shipping_method,
        )
    with transaction.atomic():
        try:
            with transaction.atomic():
                order = MerchantOrder.objects.create(
                    public_id="mo_" + secrets.token_hex(10),
                    account=account,
                    sandbox=sandbox,
                    reference=reference,
                    quote=quote,
                    ship_to=quote.ship_to,
                    shipping_method=quote.shipping_method,
                    lines=quote.lines,
                    currency=quote.currency,
                    subtotal=quote.subtotal,
                    shipping_total=quote.shipping_total,
                    total=quote.total,
                    promised_date=quote.promised_date,
                )
        except IntegrityError:
            raise Conflict(
                "An order with this reference exists already.",
                code="reference_taken",
                errors={"reference": ["Already used by another of your orders."]},
            ) from None
        MerchantOrderEvent.objects.create(
            order=order, to_status=S.DRAFT, actor=f"merchant:{account.public_id}"
        )
    if confirm:
        order = merchant_order_confirm_new(order_id=order.pk, payment=payment)
    return order


def merchant_order_confirm_new(
    *, order_id: int, payment: dict[str, Any] | None = None
) -> MerchantOrder:
    """Confirm a draft made a moment ago with ``confirm``. Call with no transaction open.

    A confirmation refused (a declined card, the credit limit) leaves no draft behind, so
    the same reference can be sent again; one whose payment is unconfirmed (503) keeps its
    draft for the reconciler to confirm once the money is known."""
    try:
        return merchant_order_confirm(order_id=order_id, payment=payment)
    except PaymentUnconfirmed:
        raise
    except ApplicationError:
        MerchantOrder.objects.filter(pk=order_id, status=S.DRAFT).delete()
        raise


def merchant_order_confirm(
    *, order_id: int, payment: dict[str, Any] | None = None
) -> MerchantOrder:
    """Confirm a draft: prices are recomputed with the account's price list, the live
    promise is checked, and the order is charged (card) or invoiced (net terms, within
    the credit limit) and sent to production; a sandbox order goes to the simulator.
    Confirming a confirmed order returns it unchanged.

    Raises ``Conflict`` (a cancelled order), ``CreditLimitExceeded`` (402),
    ``PaymentDeclined`` (402), ``PaymentUnconfirmed`` (503: the provider did not answer;
    the reconciler confirms the order once it does, and confirming again resumes the same
    payment), ``ApplicationError`` (``undeliverable``, ``card_payments_unavailable``).
    The payment is recorded and committed first and the provider asked with no lock
    held (``checkout_pay``).
    """
    with transaction.atomic():
        merchant_order = lock_one(MerchantOrder.objects.select_related("account"), pk=order_id)
        if merchant_order.status == S.CANCELLED:
            raise Conflict("This order was cancelled.", code="invalid_transition")
        if merchant_order.status != S.DRAFT:
            return merchant_order
        account = BusinessAccount.objects.select_for_update().get(pk=merchant_order.account_id)
        priced = lines_reprice(account=account, lines=merchant_order.lines)
        if merchant_order.sandbox:
            return merchant_order_move(
                order=merchant_order,
                to=S.CONFIRMED,
                actor=f"merchant:{account.public_id}",
                changes={"lines": [line_snapshot(p) for p in priced]},
            )
        key = f"merchant-{merchant_order.public_id}"
        # A payment under way (a retry after the provider did not answer) is resumed.
        intent = PaymentIntent.objects.filter(checkout_key=key, status__in=LIVE).first()
        if intent is None:
            terms = _payment(account, merchant_order, priced, payment or {})
            intent = checkout_intent_record(
                priced=priced,
                currency=merchant_order.currency,
                email=account.contact_email,
                ship_to=merchant_order.ship_to,
                method=shipping_method_get(code=merchant_order.shipping_method),
                provider=terms["provider"],
                on_account=terms["on_account"],
                checkout_key=key,
                actor=f"merchant:{account.public_id}",
                purpose=MERCHANT_ORDER,
                merchant_order_id=merchant_order.pk,
            )
    # The provider is asked with the locks released and the intent committed.
    checkout_pay(intent_id=intent.pk, payment_data=payment or {})
    return MerchantOrder.objects.select_related("quote", "order").get(pk=order_id)


@payment_intent_finalizer(MERCHANT_ORDER)
def merchant_order_finalize(intent_id: int) -> None:
    """Write the order a merchant's succeeded charge (or invoice) paid for and confirm the
    draft, once (see ``FINALIZERS``). Raises ``IntentCannotComplete`` when the draft was
    cancelled or its lines can no longer be priced."""
    request = PaymentIntent.objects.values_list("request", flat=True).get(pk=intent_id)
    with transaction.atomic():
        merchant_order = lock_one(MerchantOrder.objects, pk=request["merchant_order_id"])
        account = BusinessAccount.objects.select_for_update().get(pk=merchant_order.account_id)
        intent = lock_one(PaymentIntent.objects, pk=intent_id)
        if intent.status != PaymentIntentStatus.SUCCEEDED:
            return
        if merchant_order.status != S.DRAFT:
            raise IntentCannotComplete(f"the merchant order is {merchant_order.status}")
        try:
            priced = lines_reprice(account=account, lines=merchant_order.lines)
        except ApplicationError as error:
            raise IntentCannotComplete(error.detail) from None
        placed = checkout_order_write(intent=intent, priced=priced)
        merchant_order_move(
            order=merchant_order,
            to=S.CONFIRMED,
            actor=f"merchant:{account.public_id}",
            changes={
                "lines": [line_snapshot(p) for p in priced],
                "order": placed,
                "subtotal": placed.subtotal,
                "shipping_total": placed.shipping_total,
                "total": placed.total,
                "promised_date": placed.promised_date,
            },
        )


def _payment(
    account: BusinessAccount,
    merchant_order: MerchantOrder,
    priced: list,
    payment: dict[str, Any],
) -> dict[str, Any]:
    if account.payment_terms == PaymentTerms.INVOICE:
        estimate = sum((p.total for p in priced), Decimal("0")) + merchant_order.shipping_total
        owed = Payment.objects.filter(
            order__merchant__account=account,
            provider=InvoiceProvider.code,
            status=PaymentStatus.PENDING,
        ).aggregate(s=Sum("amount"))["s"] or Decimal("0")
        if owed + estimate > account.credit_limit:
            raise CreditLimitExceeded(
                f"This order ({estimate} {merchant_order.currency}) and unpaid invoices "
                f"({owed}) pass your credit limit of {account.credit_limit}.",
                extra={"credit_limit": str(account.credit_limit), "owed": str(owed)},
            )
        return {"provider": InvoiceProvider(), "on_account": True}
    card = next((p for p in payment_providers_enabled() if p.immediate), None)
    if card is None:
        raise ApplicationError(
            "Card payments are not available here; ask us for invoice terms.",
            code="card_payments_unavailable",
        )
    return {"provider": card, "on_account": False}


def merchant_order_cancel(*, order_id: int, actor: str) -> MerchantOrder:
    """Cancel a draft, or a confirmed order no plant has accepted yet (its payment is
    refunded or its invoice voided by the order's cancellation).

    Raises ``Conflict`` (``not_cancellable``) once a plant accepted work.
    """
    with transaction.atomic():
        merchant_order = lock_one(MerchantOrder.objects, pk=order_id)
        if merchant_order.status not in (S.DRAFT, S.CONFIRMED):
            raise Conflict(
                "A plant has accepted this order; it can no longer be cancelled.",
                code="not_cancellable",
            )
        if merchant_order.order_id is not None:
            order_cancel(order_id=merchant_order.order_id, actor=actor)
        return merchant_order_move(order=merchant_order, to=S.CANCELLED, actor=actor)


def merchant_order_transition(
    *,
    order_id: int,
    to: str,
    actor: str,
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> MerchantOrder:
    with transaction.atomic():
        order = lock_one(MerchantOrder.objects, pk=order_id)
        return merchant_order_move(order=order, to=to, actor=actor, changes=changes, data=data)


def merchant_order_move(
    *,
    order: MerchantOrder,
    to: str,
    actor: str,
    changes: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
) -> MerchantOrder:
    """The one place a merchant order's status changes (the caller holds the row lock):
    check the table, save, write the event and emit the status's webhook.
    Raises ``Conflict`` (``invalid_transition``)."""
    check_transition(MERCHANT_ORDER_TRANSITIONS, order.status, to, what="merchant order")
    previous, order.status = order.status, to
    for field, value in (changes or {}).items():
        setattr(order, field, value)
    order.save(update_fields=["status", "updated_at", *(changes or {})])
    MerchantOrderEvent.objects.create(
        order=order, from_status=previous, to_status=to, actor=actor, data=data or {}
    )
    if to in WEBHOOK_TYPES:
        webhook_event_emit(order=order, type=WEBHOOK_TYPES[to], data=data or {})
    return order
