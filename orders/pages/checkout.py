from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from c2m.errors import ApplicationError
from orders.forms import CheckoutForm
from orders.pages.shopper import CART_SESSION_KEY, current_cart, customer_id, remember_order
from orders.services.checkout import cart_for_checkout, cart_quote, checkout_place
from orders.services.shipping import SHIPPING_METHODS


def checkout(request: HttpRequest) -> HttpResponse:
    """GET shows the form and the price; POST places the order (once, whatever happens)."""
    initial = {"idempotency_key": uuid.uuid4().hex}
    if request.user.is_authenticated:
        initial["email"] = request.user.email
    form = CheckoutForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        cart = cart_for_checkout(
            token=request.session.get(CART_SESSION_KEY), customer_id=customer_id(request)
        )
        if cart is None:
            messages.error(request, _("Your cart is empty."))
            return redirect("orders:cart")
        data = form.cleaned_data
        try:
            order = checkout_place(
                cart_id=cart.pk,
                idempotency_key=data["idempotency_key"],
                email=data["email"],
                address=form.address(),
                shipping_method=data["shipping_method"],
                payment_provider=data["payment_provider"],
                payment_data={"card_number": data.get("card_number", "")},
                actor="customer" if request.user.is_authenticated else "guest",
                customer_id=customer_id(request),
                language=get_language() or "en",
            )
        except ApplicationError as error:
            messages.error(request, error.detail)
            for name, problems in error.errors.items():
                for problem in problems if name in form.fields else []:
                    form.add_error(name, problem)
        else:
            remember_order(request, order)
            messages.success(
                request, _("Thank you! Your order %(number)s is placed.") % {"number": order.number}
            )
            return redirect(order)
    elif request.method == "POST":
        messages.error(request, _("Please correct the fields marked below."))
    cart = current_cart(request)
    if request.method == "GET" and (cart is None or not cart.lines.exists()):
        messages.info(request, _("Your cart is empty."))
        return redirect("orders:cart")
    quote = cart_quote(cart=cart) if cart else None
    context = {
        "form": form,
        "quote": quote,
        "shipping_methods": SHIPPING_METHODS.values(),
    }
    return render(request, "orders/checkout.html", context)
