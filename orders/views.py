"""Storefront pages: thin views over the configurator, cart and order services."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from c2m.errors import ApplicationError, NotFound
from orders.forms import AddToCartForm
from orders.models import CartLine, Product
from orders.pages.shopper import current_cart, current_cart_or_create
from orders.selectors.orders import SESSION_KEY, order_visible
from orders.selectors.timeline import order_timeline
from orders.services.cart import cart_line_add, cart_line_replace
from orders.services.configurations import configuration_create


def catalog(request: HttpRequest) -> HttpResponse:
    products = Product.objects.filter(is_active=True)
    return render(request, "orders/catalog.html", {"products": products})


def product_detail(request: HttpRequest, sku: str) -> HttpResponse:
    """The configurator. Posting it adds the configuration to the cart, or replaces the
    configuration of the cart line being edited (``line``)."""
    product = get_object_or_404(Product, sku=sku, is_active=True)
    editing = _line_being_edited(request, product)
    initial = {"quantity": editing.quantity, "line": editing.pk} if editing else {}
    form = AddToCartForm(request.POST or None, initial=initial)
    errors: dict = {}
    chosen = request.POST or (editing.configuration.values if editing else {})
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
            cart = current_cart_or_create(request)
            if form.cleaned_data.get("line"):
                cart_line_replace(
                    cart=cart, line_id=form.cleaned_data["line"], configuration=configuration
                )
                messages.success(request, _("Your cart item was updated."))
            else:
                cart_line_add(cart=cart, configuration=configuration, quantity=quantity)
                messages.success(request, _("Added to your cart."))
        except ApplicationError as error:
            errors = error.errors
            messages.error(request, error.detail)
        else:
            return redirect("orders:cart")
    context = {"product": product, "form": form, "option_errors": errors, "chosen": chosen}
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
    timeline = order_timeline(order=order)
    accepted = next((e for e in timeline if e.code == "accepted"), None)
    context = {
        "order": order,
        "timeline": timeline,
        "accepted": accepted,
        "token": request.GET.get("token", ""),
        "payment": order.payments.last(),
    }
    return render(request, "orders/order.html", context)


def _line_being_edited(request: HttpRequest, product: Product) -> CartLine | None:
    line_id = request.GET.get("line")
    cart = current_cart(request) if line_id and line_id.isdigit() else None
    if cart is None:
        return None
    return (
        CartLine.objects.filter(cart=cart, pk=int(line_id), configuration__product=product)
        .select_related("configuration")
        .first()
    )
