"""Storefront pages: thin views over the configurator and order services."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from c2m.errors import ApplicationError, NotFound
from orders.forms import QuickOrderForm
from orders.models import Product
from orders.selectors.orders import SESSION_KEY, order_visible
from orders.services.configurations import configuration_create
from orders.services.orders import LineRequest, order_place


def catalog(request: HttpRequest) -> HttpResponse:
    products = Product.objects.filter(is_active=True)
    return render(request, "orders/catalog.html", {"products": products})


def product_detail(request: HttpRequest, sku: str) -> HttpResponse:
    product = get_object_or_404(Product, sku=sku, is_active=True)
    form = QuickOrderForm(request.POST or None, initial={"idempotency_key": uuid.uuid4()})
    errors: dict = {}
    if request.method == "POST" and form.is_valid():
        raw = {
            "quantity": form.cleaned_data["quantity"],
            "options": {
                o["code"]: request.POST.get(o["code"])
                for o in product.definition.get("options", [])
            },
        }
        try:
            configuration, quantity = configuration_create(product=product, raw=raw)
            order = order_place(
                lines=[
                    LineRequest(product=product, configuration=configuration, quantity=quantity)
                ],
                email=form.cleaned_data["email"],
                ship_to=form.ship_to(),
                actor="customer",
                customer_id=request.user.pk if request.user.is_authenticated else None,
                language=get_language() or "en",
                idempotency_key=str(form.cleaned_data["idempotency_key"]),
            )
        except ApplicationError as error:
            errors = error.errors
            messages.error(request, error.detail)
        else:
            numbers = request.session.get(SESSION_KEY, [])
            if order.number not in numbers:
                request.session[SESSION_KEY] = [*numbers, order.number][-50:]
            messages.success(
                request, _("Thank you! Your order %(number)s is placed.") % {"number": order.number}
            )
            return redirect(order)
    context = {"product": product, "form": form, "option_errors": errors, "chosen": request.POST}
    return render(request, "orders/product.html", context)


def _posted_options(request: HttpRequest, product: Product) -> dict:
    """The raw options a plain HTML form posted, in the configurator's input shape."""
    options: dict = {}
    for option in product.definition.get("options", []):
        code, kind = option["code"], option["kind"]
        if kind == "multi_choice":
            options[code] = request.POST.getlist(code)
        elif kind == "text":
            text = request.POST.get(code, "")
            if text:
                options[code] = {"text": text, "font": request.POST.get(f"{code}__font") or None}
        elif kind != "artwork" and request.POST.get(code):
            options[code] = request.POST[code]
    return {k: v for k, v in options.items() if v not in (None, [], {})}


def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    try:
        order = order_visible(
            number=number,
            user_id=request.user.pk if request.user.is_authenticated else None,
            session_numbers=request.session.get(SESSION_KEY, []),
            token=request.GET.get("token"),
        )
    except NotFound:
        raise Http404 from None
    return render(request, "orders/order.html", {"order": order})
