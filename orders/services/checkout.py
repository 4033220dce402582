"""Checkout: a cart becomes one paid (or invoice-pending) order, exactly once."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from c2m.db import lock_one
from c2m.errors import ApplicationError, Conflict, NotFound
from configurator import DefinitionError
from orders.models import (
    Cart,
    CartLine,
    Order,
    Payment,
    PaymentIntent,
    PaymentIntentKind,
    PaymentIntentStatus,
    PaymentStatus,
    Product,
)
from orders.models.payment_intent_status import LIVE
from orders.services.addresses import address_validate
from orders.services.configurations import (
    configuration_create,
    configuration_price,
    product_definition,
)
from orders.services.emails import order_email_queue
from orders.services.express import configuration_is_express, express_refusal
from orders.services.orders import PricedLine, order_create, order_paid, promise_input
from orders.services.payments import PaymentProvider, payment_providers_enabled
from orders.services.payments.intents import (
    IntentCannotComplete,
    payment_intent_finalize,
    payment_intent_finalizer,
    payment_intent_move,
    payment_intent_send,
    payment_unconfirmed,
)
from orders.services.promise import (
    ShippingPromise,
    alternatives,
    long_date,
    refusal_message,
    shipping_promises,
)
from orders.services.shipping import ShippingMethod, shipping_method_get
from orders.services.totals import checkout_total

logger = logging.getLogger(__name__)

_KEY = re.compile(r"[A-Za-z0-9_-]{8,64}")
# A second tab submitting within this long after the first placed the order lands on it.
REPLAY_WINDOW = timedelta(hours=1)
# The payment intents checkout records (``PaymentIntent.purpose``).
CHECKOUT = "checkout"


@dataclass
class CartQuote:
    """The cart priced today: priced lines, and a message per line that cannot be bought."""

    lines: list[tuple[CartLine, PricedLine | None]]
    problems: dict[int, str] = field(default_factory=dict)
    currency: str = "CNY"

    @property
    def rows(self) -> list[tuple[CartLine, PricedLine | None, str]]:
        return [(line, p, self.problems.get(line.pk, "")) for line, p in self.lines]

    @property
    def subtotal(self) -> Decimal:
        return sum((p.total for _, p in self.lines if p is not None), Decimal("0"))


def cart_for_checkout(*, token: str | None, customer_id: int | None) -> Cart | None:
    """The shopper's open cart; else the cart they checked out within the last hour, so a
    second tab's submit finds the order the first one placed. None when neither exists."""
    if customer_id is not None:
        mine = Cart.objects.filter(customer_id=customer_id)
    elif token:
        mine = Cart.objects.filter(token=token, customer__isnull=True)
    else:
        return None
    recent = Q(order__isnull=True) | Q(updated_at__gte=timezone.now() - REPLAY_WINDOW)
    return mine.filter(recent).order_by(F("order_id").asc(nulls_first=True), "-updated_at").first()


def cart_quote(*, cart: Cart) -> CartQuote:
    """Price every line from its stored configuration, as checkout will (one query)."""
    lines = list(cart.lines.select_related("configuration__product"))
    return _quote(lines)


def checkout_place(
    *,
    cart_id: int,
    idempotency_key: str,
    email: str,
    address: dict[str, Any],
    shipping_method: str,
    payment_provider: str,
    payment_data: dict[str, Any],
    actor: str,
    customer_id: int | None = None,
    language: str = "en",
    shown_date: date | None = None,
) -> Order:
    """Convert the cart into an order, once, and take payment.

    Before any payment is asked for, the promise engine dates the cart for this address
    and method: no date (no plant can make and deliver it) is ``code="undeliverable"``;
    a date later than ``shown_date`` (what the page showed the shopper) is
    ``code="promise_changed"``. Both name the methods that do work, with their dates, in
    ``extra["alternatives"]``. The order stores the date (``shown_date`` when the engine
    can still keep it) and the basis it was sold with.

    Every price is recomputed here from the stored configurations. The cart row is locked
    while the order is written, so a double submit, a retry or a second tab waits and then
    gets the same order back. The payment is recorded and committed first, the provider
    asked with no lock held, the order written after (``checkout_pay``). Raises
    ``ApplicationError`` with field errors (address, email, shipping method, card),
    ``code="stale_configuration"`` naming each line that no longer validates
    (``errors["line-<id>"]``), ``PaymentDeclined`` (402), ``PaymentUnconfirmed`` (503)
    and ``Conflict`` when the idempotency key was used for another cart. A provider not
    enabled here (``settings.PAYMENT_PROVIDERS``) is ``code="invalid_payment_provider"``.
    """
    ship_to = address_validate(raw=address)
    email = _valid_email(email)
    method = shipping_method_get(code=shipping_method)
    provider = _enabled_provider(payment_provider)
    if not _KEY.fullmatch(idempotency_key or ""):
        raise ApplicationError(_("Please reload the checkout page."), code="invalid_form")
    try:
        with transaction.atomic():
            cart = Cart.objects.select_for_update().filter(pk=cart_id).first()
            if cart is None:
                raise NotFound(_("Your cart has expired."))
            if cart.order_id is not None:
                return Order.objects.get(pk=cart.order_id)
            # A payment already under way for this cart (a retry, a second tab) is
            # resumed with its key, never started again.
            intent = PaymentIntent.objects.filter(
                cart=cart, kind=PaymentIntentKind.CHARGE, status__in=LIVE
            ).first()
            if intent is None:
                _check_key_unused(idempotency_key, cart.pk)
                quote = _quote(list(cart.lines.select_related("configuration__product")))
                if not quote.lines:
                    raise ApplicationError(_("Your cart is empty."), code="empty_cart")
                if quote.problems:
                    raise ApplicationError(
                        _("Some items in your cart can no longer be ordered as configured."),
                        code="stale_configuration",
                        errors={f"line-{pk}": [msg] for pk, msg in quote.problems.items()},
                    )
                intent = checkout_intent_record(
                    priced=[p for _, p in quote.lines if p is not None],
                    currency=quote.currency,
                    email=email,
                    ship_to=ship_to,
                    method=method,
                    provider=provider,
                    checkout_key=idempotency_key,
                    actor=actor,
                    purpose=CHECKOUT,
                    cart=cart,
                    customer_id=customer_id,
                    language=language,
                    shown_date=shown_date,
                )
    except IntegrityError:
        # The cart lock serializes submits of one cart, so a taken key is another cart's.
        logger.info("checkout: idempotency key reused for cart %s", cart_id)
        raise _key_reused() from None
    return checkout_pay(intent_id=intent.pk, payment_data=payment_data)


def checkout_intent_record(
    *,
    priced: list[PricedLine],
    currency: str,
    email: str,
    ship_to: dict[str, Any],
    method: ShippingMethod,
    provider: PaymentProvider,
    checkout_key: str,
    actor: str,
    purpose: str,
    cart: Cart | None = None,
    customer_id: int | None = None,
    language: str = "en",
    shown_date: date | None = None,
    on_account: bool = False,
    **request: Any,
) -> PaymentIntent:
    """Date and price an order of lines priced on the server and record the payment it
    needs, to be committed before the provider is asked (``checkout_pay``). Call inside
    a transaction. Checkout calls it with a cart's lines, the merchant API with a business
    account's (its price list already applied); ``request`` adds what the purpose's
    finalizer needs.

    Refuses what no plant can make and deliver by its promise (``undeliverable``,
    ``promise_changed``).
    """
    subtotal = sum((p.total for p in priced), Decimal("0"))
    promise = _promise(priced, ship_to, method.code, shown_date)
    charged = checkout_total(
        subtotal=subtotal, currency=currency, method=method, country=ship_to["country"]
    )
    return PaymentIntent.objects.create(
        kind=PaymentIntentKind.CHARGE,
        purpose=purpose,
        provider=provider.code,
        currency=currency,
        amount=charged.total,
        checkout_key=checkout_key,
        cart=cart,
        request={
            "email": email,
            "ship_to": ship_to,
            "shipping_method": method.code,
            "actor": actor,
            "customer_id": customer_id,
            "language": language,
            "promised_date": promise.date.isoformat() if promise.date else None,
            "promise_basis": promise.basis,
            "on_account": on_account,
            **request,
        },
    )


def checkout_pay(*, intent_id: int, payment_data: dict[str, Any]) -> Order:
    """Ask the provider for a recorded charge (no transaction open) and write its order.

    Raises ``PaymentDeclined`` (402), the provider's field errors (the card number),
    ``PaymentUnconfirmed`` (503: the provider did not answer, or the order could not be
    written yet; the reconciler finishes it, and a resubmit resumes the same intent) and
    ``Conflict`` (``payment_reversed``) when the order could no longer be placed and the
    money was given back.
    """
    intent = payment_intent_send(intent_id=intent_id, data=payment_data)
    intent = payment_intent_finalize(intent_id=intent_id, intent=intent)
    if intent.status == PaymentIntentStatus.COMPLETED and intent.order_id is not None:
        return Order.objects.get(pk=intent.order_id)
    if intent.status == PaymentIntentStatus.REVERSED:
        raise Conflict(
            _(
                "Your order changed while you paid, so it was not placed and the payment "
                "was given back. Please check your cart and order again."
            ),
            code="payment_reversed",
        )
    raise payment_unconfirmed()


def checkout_order_write(*, intent: PaymentIntent, priced: list[PricedLine]) -> Order:
    """Write the order a succeeded charge paid for, its payment, and mark the intent
    completed. The caller holds the intent's row lock. A captured payment sends the order
    to production; so does ``on_account`` (a business buying on net terms, whose invoice
    stays pending), else it waits in ``pending_payment``.

    Raises ``IntentCannotComplete`` when these lines no longer cost what was charged.
    """
    request = intent.request
    method = shipping_method_get(code=request["shipping_method"])
    charged = checkout_total(
        subtotal=sum((p.total for p in priced), Decimal("0")),
        currency=intent.currency,
        method=method,
        country=request["ship_to"]["country"],
    )
    if charged.total != intent.amount:
        raise IntentCannotComplete(f"the order now costs {charged.total}, not {intent.amount}")
    promised = request.get("promised_date")
    order = order_create(
        lines=priced,
        email=request["email"],
        ship_to=request["ship_to"],
        actor=request["actor"],
        customer_id=request.get("customer_id"),
        language=request.get("language") or "en",
        idempotency_key=intent.checkout_key,
        shipping_method=method.code,
        shipping_total=charged.shipping,
        payment_provider=intent.provider,
        promised_date=date.fromisoformat(promised) if promised else None,
        promise_basis=request.get("promise_basis") or {},
    )
    captured = intent.outcome == PaymentStatus.CAPTURED
    payment = Payment.objects.create(
        order=order,
        provider=intent.provider,
        status=intent.outcome,
        currency=order.currency,
        amount=intent.amount,
        captured_amount=intent.amount if captured else Decimal("0"),
        reference=intent.reference,
        display=intent.display,
    )
    if captured:
        order_paid(order=order, actor=f"payment:{intent.provider}")
    elif request.get("on_account"):
        order_paid(order=order, actor=request["actor"], data={"terms": "on_account"})
    payment_intent_move(
        intent=intent,
        to=PaymentIntentStatus.COMPLETED,
        changes={"order": order, "payment": payment},
    )
    return order


@payment_intent_finalizer(CHECKOUT)
def checkout_finalize(intent_id: int) -> None:
    """Write the order of a succeeded checkout charge, once (see ``FINALIZERS``). Raises
    ``IntentCannotComplete`` when the cart was ordered another way or changed since."""
    cart_id = PaymentIntent.objects.values_list("cart_id", flat=True).get(pk=intent_id)
    with transaction.atomic():
        # The cart first, then the intent: the order checkout locks them in.
        cart = Cart.objects.select_for_update().filter(pk=cart_id).first()
        intent = lock_one(PaymentIntent.objects, pk=intent_id)
        if intent.status != PaymentIntentStatus.SUCCEEDED:
            return
        if cart is None or cart.order_id is not None:
            raise IntentCannotComplete("the cart is gone or was ordered already")
        quote = _quote(list(cart.lines.select_related("configuration__product")))
        if quote.problems or not quote.lines or quote.currency != intent.currency:
            raise IntentCannotComplete("the cart changed since the payment")
        order = checkout_order_write(
            intent=intent, priced=[p for _, p in quote.lines if p is not None]
        )
        Cart.objects.filter(pk=cart.pk).update(order=order, updated_at=timezone.now())
        order_email_queue(order_id=order.pk, kind="placed")


def _check_key_unused(key: str, cart_id: int) -> None:
    if Order.objects.filter(idempotency_key=key).exists():
        logger.info("checkout: idempotency key reused for cart %s", cart_id)
        raise _key_reused()


def _key_reused() -> Conflict:
    return Conflict(
        _("This checkout form was already used. Please reload the page."),
        code="idempotency_key_reused",
    )


def checkout_promises(*, cart: Cart, ship_to: dict[str, Any]) -> list[ShippingPromise]:
    """Each shipping method's price and promised date for this cart and address."""
    lines = cart.lines.select_related("configuration__product")
    return shipping_promises(
        lines=[
            (
                ln.configuration.product.sku,
                ln.configuration.values,
                ln.quantity,
                _chooses_express(ln.configuration.product, ln.configuration.values),
            )
            for ln in lines
        ],
        ship_to=ship_to,
    )


def _chooses_express(product: Product, values: dict[str, Any]) -> bool:
    try:
        return configuration_is_express(product_definition(product), values)
    except DefinitionError:
        return False


def _promise(
    priced: list[PricedLine], ship_to: dict[str, Any], code: str, shown: date | None
) -> ShippingPromise:
    promises = shipping_promises(lines=[promise_input(p) for p in priced], ship_to=ship_to)
    chosen = next(p for p in promises if p.code == code)
    refusal = express_refusal(chosen.basis, [p.product.name for p in priced])
    if refusal is not None:
        raise refusal
    extra = {
        "alternatives": alternatives(promises, except_code=code),
        "promised_date": chosen.date.isoformat() if chosen.date else None,
    }
    if chosen.date is None:
        message = refusal_message(promises, code=code)
        raise ApplicationError(
            message, code="undeliverable", errors={"shipping_method": [message]}, extra=extra
        )
    if shown is not None and chosen.date > shown:
        message = _(
            "Delivery with %(method)s now takes longer: the earliest date is %(date)s, not "
            "%(shown)s. Place the order again to accept the new date, or choose another "
            "method."
        ) % {
            "method": chosen.method.label,
            "date": long_date(chosen.date),
            "shown": long_date(shown),
        }
        raise ApplicationError(
            message, code="promise_changed", errors={"shipping_method": [message]}, extra=extra
        )
    if shown is not None and shown <= chosen.date + timedelta(days=60):
        # The shopper was shown a later date than the engine finds now: keep their date.
        return ShippingPromise(chosen.method, chosen.price, shown, chosen.basis)
    return chosen


def _enabled_provider(code: str) -> PaymentProvider:
    for provider in payment_providers_enabled():
        if provider.code == code:
            return provider
    message = _("This payment method is not available. Please choose another.")
    raise ApplicationError(
        message, code="invalid_payment_provider", errors={"payment_provider": [message]}
    )


def _quote(lines: list[CartLine]) -> CartQuote:
    quote = CartQuote(lines=[])
    for line in lines:
        priced = _price_line(line)
        if isinstance(priced, str):
            quote.problems[line.pk] = priced
            quote.lines.append((line, None))
        else:
            quote.lines.append((line, priced))
    currencies = {p.product.currency for _, p in quote.lines if p is not None}
    if len(currencies) > 1:
        raise ApplicationError(
            _("Items priced in different currencies must be ordered separately."),
            code="mixed_currencies",
        )
    if currencies:
        quote.currency = currencies.pop()
    return quote


def _price_line(line: CartLine) -> PricedLine | str:
    """The line priced today, or why it cannot be bought any more."""
    configuration = line.configuration
    product = configuration.product
    if not product.is_active:
        return _("%(product)s is no longer on sale.") % {"product": product.name}
    try:
        stale = configuration.definition_version != product.definition_version
        if stale or configuration.quantity != line.quantity:
            # The product changed since this was configured, or the quantity did (prices
            # and quantity rules depend on it): it must validate again.
            with transaction.atomic():
                configuration, _quantity = configuration_create(
                    product=product,
                    raw={"options": configuration.values, "quantity": line.quantity},
                )
        quote = configuration_price(product=product, configuration=configuration)
    except (ApplicationError, KeyError, LookupError, TypeError, ValueError) as error:
        logger.info("checkout: line %s no longer validates: %r", line.pk, error)
        return _("%(product)s has changed since you configured it; please edit this item.") % {
            "product": product.name
        }
    return PricedLine(product, configuration, line.quantity, quote)


def _valid_email(email: str) -> str:
    email = (email or "").strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ApplicationError(
            _("Enter a valid email address."),
            code="invalid_email",
            errors={"email": [_("Enter a valid email address.")]},
        ) from None
    return email
