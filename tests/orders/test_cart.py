"""Carts: lines add up, quantities are bounded, a guest's cart follows them on sign-in."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from c2m.errors import ApplicationError, NotFound
from orders.models import Cart
from orders.services.cart import (
    cart_get,
    cart_get_or_create,
    cart_line_add,
    cart_line_remove,
    cart_line_replace,
    cart_line_set_quantity,
    cart_merge,
)
from orders.services.configurations import configuration_create
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db


def _config(product, quantity=1, **options):
    options = {"finish": "brushed"} | options
    raw = {"quantity": quantity, "options": options}
    return configuration_create(product=product, raw=raw)[0]


def test_the_same_configuration_added_twice_is_one_line(tumbler):
    cart = cart_get_or_create(token=None, customer_id=None)
    cart_line_add(cart=cart, configuration=_config(tumbler), quantity=2)
    cart_line_add(cart=cart, configuration=_config(tumbler), quantity=3)
    assert [line.quantity for line in cart.lines.all()] == [5]


@pytest.mark.parametrize("quantity", [0, -1, 10_001, True, "3", 2.5])
def test_quantities_outside_1_to_10000_are_refused(tumbler, quantity):
    cart = fill_cart(tumbler)
    line = cart.lines.get()
    with pytest.raises(ApplicationError) as refused:
        cart_line_set_quantity(cart=cart, line_id=line.pk, quantity=quantity)
    assert refused.value.code == "invalid_quantity"


def test_editing_a_line_replaces_its_configuration_and_merges_twins(tumbler):
    cart = fill_cart(tumbler, lines=2, quantity=1)  # brushed ×1 and matte black ×1
    brushed = cart.lines.get(configuration__values__finish="brushed")
    edited = _config(tumbler, quantity=3, finish="powder_white", capacity="750ml")
    line = cart_line_replace(cart=cart, line_id=brushed.pk, configuration=edited)
    assert line.configuration.values == {"capacity": "750ml", "finish": "powder_white"}
    assert line.quantity == 3  # the edited design carries its quantity
    # Edited into the very design (and quantity) of the other line: that line stays alone
    merged = cart_line_replace(
        cart=cart, line_id=line.pk, configuration=_config(tumbler, finish="matte_black")
    )
    assert [(merged.quantity, cart.lines.count())] == [(1, 1)]


def test_another_carts_line_is_not_found(tumbler):
    mine, theirs = fill_cart(tumbler), fill_cart(tumbler)
    their_line = theirs.lines.get()
    with pytest.raises(NotFound):
        cart_line_set_quantity(cart=mine, line_id=their_line.pk, quantity=9)
    with pytest.raises(NotFound):
        cart_line_remove(cart=mine, line_id=their_line.pk)
    assert theirs.lines.get().quantity == 2


def test_signing_in_merges_the_guest_cart_into_the_customers(tumbler):
    user = get_user_model().objects.create_user("mei", "mei@example.com", "pw-long-enough")
    # The same design at the same quantity is the same configuration (it carries quantity)
    mine = fill_cart(tumbler, lines=1, quantity=2, customer_id=user.pk)  # brushed ×2
    guest = fill_cart(tumbler, lines=2, quantity=2)  # brushed ×2, matte black ×2

    merged = cart_merge(guest_token=guest.token, customer_id=user.pk)

    assert merged.pk == mine.pk
    assert sorted(
        (line.configuration.values["finish"], line.quantity) for line in merged.lines.all()
    ) == [("brushed", 4), ("matte_black", 2)]
    assert not Cart.objects.filter(pk=guest.pk).exists()


def test_a_guest_cart_becomes_the_customers_when_they_had_none(tumbler):
    user = get_user_model().objects.create_user("ana", "ana@example.com", "pw-long-enough")
    guest = fill_cart(tumbler)
    merged = cart_merge(guest_token=guest.token, customer_id=user.pk)
    assert merged.pk == guest.pk and merged.customer_id == user.pk


def test_a_checked_out_cart_takes_no_more_lines_and_a_new_one_opens(tumbler):
    cart = fill_cart(tumbler)
    place(cart)
    cart.refresh_from_db()
    with pytest.raises(ApplicationError) as refused:
        cart_line_add(cart=cart, configuration=_config(tumbler), quantity=1)
    assert refused.value.code == "cart_checked_out"
    assert cart_get(token=cart.token, customer_id=None) is None
