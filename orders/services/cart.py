"""Carts: adding configured products, changing quantities, merging a guest's on sign-in."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Least
from django.utils.translation import gettext as _

from c2m.db import lock_one
from c2m.errors import ApplicationError, NotFound
from orders.language import current_language
from orders.models import MAX_LINE_QUANTITY, Cart, CartLine, Configuration
from orders.services.configurations import configuration_create
from orders.services.errors import ConfigurationInvalid


def cart_get(*, token: str | None, customer_id: int | None) -> Cart | None:
    """Return the open cart of this customer, or else of this guest token; None if none."""
    if customer_id is not None:
        return Cart.objects.filter(customer_id=customer_id, order__isnull=True).first()
    if token:
        return Cart.objects.filter(token=token, customer__isnull=True, order__isnull=True).first()
    return None


def cart_get_or_create(*, token: str | None, customer_id: int | None) -> Cart:
    """The open cart of this shopper, created when there is none (customers get one each)."""
    cart = cart_get(token=token, customer_id=customer_id)
    if cart is not None:
        return cart
    try:
        with transaction.atomic():
            return Cart.objects.create(token=secrets.token_urlsafe(24), customer_id=customer_id)
    except IntegrityError:  # the same customer's other tab created it a moment ago
        return Cart.objects.get(customer_id=customer_id, order__isnull=True)


def cart_line_add(*, cart: Cart, configuration: Configuration, quantity: int) -> CartLine:
    """Add ``quantity`` of a configuration; the same configuration again adds up on one line.

    Raises ``ApplicationError`` (code ``invalid_quantity``) outside 1..10000.
    """
    _check_quantity(quantity)
    with transaction.atomic():
        cart = lock_one(Cart.objects, pk=cart.pk)
        _check_open(cart)
        line, created = CartLine.objects.get_or_create(
            cart=cart, configuration=configuration, defaults={"quantity": quantity}
        )
        if not created:
            line.quantity = min(line.quantity + quantity, MAX_LINE_QUANTITY)
            line.save(update_fields=["quantity"])
        cart.save(update_fields=["updated_at"])
    return line


def cart_line_set_quantity(*, cart: Cart, line_id: int, quantity: int) -> CartLine:
    """Change a line's quantity. Another cart's line is ``NotFound``."""
    _check_quantity(quantity)
    with transaction.atomic():
        line = _line(cart, line_id)
        line.configuration = _configuration_for_quantity(line.configuration, quantity)
        line.quantity = quantity
        line.save(update_fields=["configuration", "quantity"])
    return line


def _configuration_for_quantity(configuration: Configuration, quantity: int) -> Configuration:
    """The same design at ``quantity``, validated against the product's quantity rules
    (minimum, maximum, multiples); their message, in the shopper's language, if it breaks one."""
    raw = {"options": configuration.values, "quantity": quantity}
    try:
        changed, _quantity = configuration_create(product=configuration.product, raw=raw)
    except ConfigurationInvalid as invalid:
        problems = invalid.errors.get("quantity") or invalid.errors.get("configuration")
        if not problems:
            raise
        raise ApplicationError(
            problems[0]["message"][current_language()], code="invalid_quantity"
        ) from None
    return changed


def cart_line_remove(*, cart: Cart, line_id: int) -> None:
    with transaction.atomic():
        _line(cart, line_id).delete()


def cart_line_replace(*, cart: Cart, line_id: int, configuration: Configuration) -> CartLine:
    """Swap a line's configuration after the customer edited it in the configurator.

    If the cart already holds the new configuration (same design and quantity) on another
    line, the edited line goes and that one stays.
    """
    with transaction.atomic():
        line = _line(cart, line_id)
        if line.configuration_id == configuration.pk:
            return line
        twin = CartLine.objects.filter(cart=cart, configuration=configuration).first()
        if twin is not None:
            line.delete()
            return twin
        # The configuration carries its quantity: prices and quantity rules depend on it.
        line.configuration = configuration
        line.quantity = configuration.quantity
        line.save(update_fields=["configuration", "quantity"])
    return line


def cart_merge(*, guest_token: str | None, customer_id: int) -> Cart | None:
    """Move a guest cart's lines into the customer's open cart, once, on sign-in.

    Identical configurations add up; the guest cart is deleted. Returns the customer's cart.
    """
    with transaction.atomic():
        guest = (
            Cart.objects.select_for_update()
            .filter(token=guest_token or "", customer__isnull=True, order__isnull=True)
            .first()
        )
        if guest is None:
            return cart_get(token=None, customer_id=customer_id)
        mine = cart_get(token=None, customer_id=customer_id)
        if mine is None:
            guest.customer_id = customer_id
            guest.save(update_fields=["customer", "updated_at"])
            return guest
        mine = lock_one(Cart.objects, pk=mine.pk)
        existing = {line.configuration_id: line for line in mine.lines.all()}
        for line in guest.lines.all():
            if line.configuration_id in existing:
                CartLine.objects.filter(pk=existing[line.configuration_id].pk).update(
                    quantity=Least(F("quantity") + line.quantity, MAX_LINE_QUANTITY)
                )
            else:
                CartLine.objects.create(
                    cart=mine, configuration_id=line.configuration_id, quantity=line.quantity
                )
        guest.delete()
        mine.save(update_fields=["updated_at"])
    return mine


def _line(cart: Cart, line_id: int) -> CartLine:
    locked = lock_one(Cart.objects, pk=cart.pk)
    line = CartLine.objects.filter(cart=locked, pk=line_id).first()
    if line is None or locked.order_id is not None:
        raise NotFound(_("That line is not in your cart."), code="not_found")
    return line


def _check_open(cart: Cart) -> None:
    if cart.order_id is not None:
        raise ApplicationError(
            _("This cart has already been checked out."), code="cart_checked_out"
        )


def _check_quantity(quantity: object) -> None:
    if (
        not isinstance(quantity, int)
        or isinstance(quantity, bool)
        or not 1 <= quantity <= MAX_LINE_QUANTITY
    ):
        raise ApplicationError(
            _("Enter a quantity from 1 to %(max)d.") % {"max": MAX_LINE_QUANTITY},
            code="invalid_quantity",
            errors={"quantity": [_("Enter a whole number from 1 to 10000.")]},
        )
