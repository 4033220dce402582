from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from c2m.errors import ApplicationError
from c2m.request_rates import rate_limited
from orders.forms import CheckoutForm
from orders.models import Cart
from orders.pages.shopper import CART_SESSION_KEY, current_cart, customer_id, remember_order
from orders.services.checkout import (
    CartQuote,
    cart_for_checkout,
    cart_quote,
    checkout_place,
    checkout_promises,
)
from orders.services.promise import DEFAULT_SHIP_TO
from orders.services.shipping import SHIPPING_METHODS
from orders.services.totals import checkout_total


@rate_limited("checkout")
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
                shown_date=_shown_date(request.POST, data["shipping_method"]),
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
        **_shipping_context(
            cart,
            request.POST if request.method == "POST" else request.GET,
            quote=quote,
            errors=form["shipping_method"].errors,
        ),
    }
    return render(request, "orders/checkout.html", context)


def checkout_delivery(request: HttpRequest) -> HttpResponse:
    """The shipping fieldset for the address typed so far (each method's price and date)
    and the order's total for the chosen method and destination."""
    cart = current_cart(request)
    quote = cart_quote(cart=cart) if cart else None
    context = _shipping_context(cart, request.GET, quote=quote)
    return render(request, "orders/partials/checkout_delivery.html", context)


def _shipping_context(
    cart: Cart | None, data: Any, *, quote: CartQuote | None, errors: Any = ""
) -> dict[str, Any]:
    address = {k: str(data.get(k, "")).strip()[:100] for k in ("country", "city", "region")}
    address["postal_code"] = str(data.get("postal_code", "")).strip()[:20]
    ship_to = address if address["country"] and address["city"] else dict(DEFAULT_SHIP_TO)
    promises = checkout_promises(cart=cart, ship_to=ship_to) if cart else []
    selected = data.get("shipping_method") or "standard"
    available = [p.code for p in promises if p.date]
    if selected not in available and available and not errors:
        selected = available[0]
    method = SHIPPING_METHODS.get(selected, SHIPPING_METHODS["standard"])
    return {
        "promises": promises,
        "promise_address": ship_to if ship_to is address else {},
        "any_promise": bool(available) or not promises,
        "selected_method": selected,
        "currency": quote.currency if quote else "CNY",
        "shipping_errors": errors,
        "totals": (
            checkout_total(
                subtotal=quote.subtotal,
                currency=quote.currency,
                method=method,
                country=ship_to["country"],
            )
            if quote
            else None
        ),
    }


def _shown_date(data: Any, method: str) -> date | None:
    """The date the page showed for ``method`` when the shopper pressed the button."""
    try:
        return date.fromisoformat(str(data.get(f"shown_{method}", "")))
    except ValueError:
        return None
