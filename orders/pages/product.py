"""The product page with its configurator: full page (works without JavaScript) and the
htmx update that swaps price, allowed values, errors, lead time and preview in place."""

from __future__ import annotations

import logging
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from c2m.errors import ApplicationError
from configurator import DefinitionError, ProductDefinition
from orders.models import CartLine, Configuration, Product
from orders.pages.configurator import configurator_page
from orders.pages.design_links import (
    DesignLinkInvalid,
    design_dumps,
    design_loads,
    design_shared_artworks,
    design_without_missing_artworks,
    raw_from_post,
)
from orders.pages.shopper import current_cart, current_cart_or_create
from orders.selectors.artwork import artwork_owner_of
from orders.services.cart import cart_line_add, cart_line_replace
from orders.services.configurations import configuration_create, product_definition

logger = logging.getLogger(__name__)

PAGE = "orders/product.html"
UPDATE = "orders/partials/configurator_update.html"


def _product_and_definition(sku: str) -> tuple[Product, ProductDefinition]:
    product = get_object_or_404(Product, sku=sku, is_active=True)
    try:
        return product, product_definition(product)
    except DefinitionError:
        # An operator saved a broken definition: the product cannot be sold as it stands.
        logger.exception("Product %s has an invalid configurator definition", sku)
        raise Http404 from None


@require_http_methods(["GET", "HEAD", "POST"])
def product_page(request: HttpRequest, sku: str) -> HttpResponse:
    """GET: the configurator (``?design=<token>`` reopens a shared design).

    POST ``action=add`` (the default) adds the design to the cart, ``action=update``
    replaces the cart line being edited (``line``); ``action=refresh`` re-renders the page
    with price and errors (what htmx does in place, without JS). A design opened from a
    share link carries its token (``design``): its artwork is copied to the shopper.
    """
    product, definition = _product_and_definition(sku)
    status, show_required = 200, False
    token = str(request.POST.get("design") or request.GET.get("design") or "")
    if request.method == "POST":
        raw = raw_from_post(definition, request.POST)
        # Enter in a field submits the first button: "Update item" when editing a line.
        action = request.POST.get("action") or ("update" if request.POST.get("line") else "add")
        if action in ("add", "update"):
            shared = design_shared_artworks(product.sku, token)
            try:
                configuration, quantity = configuration_create(
                    product=product,
                    raw=raw,
                    artwork_owner=artwork_owner_of(request, create=bool(shared)),
                    shared_artworks=shared,
                )
            except ApplicationError as error:
                messages.error(request, _("Please check the highlighted options."))
                for problems in error.errors.values():
                    for problem in problems:
                        if isinstance(problem, str):
                            messages.error(request, problem)
                status, show_required = 400, True
            else:
                return _add_to_cart(request, configuration, quantity, replace=action == "update")
    else:
        # Options in the query (the upload's redirect without JavaScript) start the design.
        raw = raw_from_post(definition, request.GET)
        editing = _cart_line(request, product, request.GET.get("line"))
        if editing is not None:
            raw = {"quantity": str(editing.quantity), "options": editing.configuration.values}
        elif token:
            try:
                raw, missing = design_without_missing_artworks(
                    definition, design_loads(product.sku, token)
                )
            except DesignLinkInvalid as error:
                messages.warning(request, error.detail)
            else:
                for message in missing:
                    messages.warning(request, message)
    page = configurator_page(
        request, product, definition, raw, show_required=show_required, shared_token=token
    )
    line = _cart_line(request, product, request.POST.get("line") or request.GET.get("line"))
    context = {"product": product, "page": page, "cart_line": line}
    return render(request, PAGE, context, status=status)


@require_POST
def product_configure(request: HttpRequest, sku: str) -> HttpResponse:
    """htmx: the configurator's live state for the posted form, as partials.

    The price panel is the main swap target; option states, quantity errors and the
    preview come as out-of-band swaps. Never stores anything.
    """
    product, definition = _product_and_definition(sku)
    raw = raw_from_post(definition, request.POST)
    token = str(request.POST.get("design") or "")
    page = configurator_page(request, product, definition, raw, shared_token=token)
    return render(request, UPDATE, {"product": product, "page": page})


def _add_to_cart(
    request: HttpRequest, configuration: Configuration, quantity: int, *, replace: bool
) -> HttpResponse:
    """Put the stored, valid ``configuration`` in the shopper's cart, or with ``replace``
    put it in place of the cart line being edited (``line``). Redirects to the cart, or
    back to the design with the cart's refusal as a message."""
    cart = current_cart_or_create(request)
    line = _cart_line(request, configuration.product, request.POST.get("line")) if replace else None
    try:
        if line is not None:
            cart_line_replace(cart=cart, line_id=line.pk, configuration=configuration)
        else:
            cart_line_add(cart=cart, configuration=configuration, quantity=quantity)
    except ApplicationError as error:
        messages.error(request, error.detail)
        return redirect(_design_url(configuration, quantity))
    messages.success(request, _("Your cart is updated.") if line else _("Added to your cart."))
    return redirect("orders:cart")


def _cart_line(request: HttpRequest, product: Product, line_id: str | None) -> CartLine | None:
    """The shopper's own cart line of this product named by ``line_id``, if any."""
    cart = current_cart(request)
    if cart is None or line_id is None or not line_id.isdigit():
        return None
    return (
        CartLine.objects.select_related("configuration")
        .filter(cart=cart, pk=int(line_id), configuration__product=product)
        .first()
    )


def _design_url(configuration: Configuration, quantity: int) -> str:
    product = configuration.product
    raw = {"quantity": str(quantity), "options": configuration.values}
    token = design_dumps(product.sku, raw)
    return f"{product.get_absolute_url()}?{urlencode({'design': token})}"
