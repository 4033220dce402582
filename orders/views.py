"""Storefront pages: thin views over the configurator, cart and order services."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from c2m.errors import NotFound
from c2m.sign_in_guard import client_ip, order_lookup_guard
from orders.models import OrderEventCode, Product
from orders.pages.refusals import refuses_too_many_attempts
from orders.selectors.orders import SESSION_KEY, order_visible
from orders.selectors.timeline import order_timeline
from orders.services.shipping import SHIPPING_METHODS


def catalog(request: HttpRequest) -> HttpResponse:
    products = Product.objects.filter(is_active=True)
    return render(request, "orders/catalog.html", {"products": products})


@refuses_too_many_attempts
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    try:
        with order_lookup_guard(ip=client_ip(request), failure=NotFound):
            order = order_visible(
                number=number,
                user_id=request.user.pk if request.user.is_authenticated else None,
                session_numbers=request.session.get(SESSION_KEY, []),
                token=request.GET.get("token"),
            )
    except NotFound:
        raise Http404 from None
    timeline = order_timeline(order=order)
    accepted = next((e for e in timeline if e.code == OrderEventCode.ACCEPTED), None)
    context = {
        "order": order,
        "timeline": timeline,
        "accepted": accepted,
        "token": request.GET.get("token", ""),
        "payment": order.payments.last(),
        "shipping_label": _shipping_label(order.shipping_method),
    }
    return render(request, "orders/order.html", context)


def _shipping_label(code: str) -> str:
    method = SHIPPING_METHODS.get(code)
    return str(method.label) if method else ""
