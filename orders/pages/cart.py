from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from c2m.errors import ApplicationError
from orders.forms import CartQuantityForm
from orders.pages.shopper import current_cart
from orders.services.cart import cart_line_remove, cart_line_set_quantity
from orders.services.checkout import cart_quote, checkout_promises
from orders.services.promise import DEFAULT_SHIP_TO


def cart_detail(request: HttpRequest) -> HttpResponse:
    cart = current_cart(request)
    quote = cart_quote(cart=cart) if cart else None
    promises = []
    if cart and quote and quote.lines and not quote.problems:
        promises = checkout_promises(cart=cart, ship_to=DEFAULT_SHIP_TO)
    return render(request, "orders/cart.html", {"cart": cart, "quote": quote, "promises": promises})


@require_POST
def cart_line_quantity(request: HttpRequest, line_id: int) -> HttpResponse:
    form = CartQuantityForm(request.POST)
    cart = current_cart(request)
    if not form.is_valid():
        messages.error(request, _("Enter a quantity from 1 to 10000."))
    elif cart is None:
        messages.error(request, _("That line is not in your cart."))
    else:
        try:
            cart_line_set_quantity(
                cart=cart, line_id=line_id, quantity=form.cleaned_data["quantity"]
            )
        except ApplicationError as error:
            messages.error(request, error.detail)
    return redirect("orders:cart")


@require_POST
def cart_line_delete(request: HttpRequest, line_id: int) -> HttpResponse:
    cart = current_cart(request)
    try:
        if cart is None:
            raise ApplicationError(_("That line is not in your cart."))
        cart_line_remove(cart=cart, line_id=line_id)
    except ApplicationError as error:
        messages.error(request, error.detail)
    else:
        messages.success(request, _("Removed from your cart."))
    return redirect("orders:cart")
