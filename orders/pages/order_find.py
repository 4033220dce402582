"""Finding an order without its link: a guest gives the order number and their email."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from c2m.errors import NotFound
from c2m.sign_in_guard import client_ip, order_lookup_guard
from orders.pages.refusals import refuses_too_many_attempts
from orders.pages.shopper import remember_order
from orders.selectors.orders import order_of_guest


class OrderFindForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("Order number"), max_length=20)
    email = forms.EmailField(label=gettext_lazy("Email you ordered with"), max_length=254)


@require_http_methods(["GET", "POST"])
@refuses_too_many_attempts
def order_find(request: HttpRequest) -> HttpResponse:
    """GET shows the form; POST opens the order in this browser (its number joins the
    session's orders) or says none matched. Failed lookups count against the client's
    address (``order_lookup_guard``): too many answer 429."""
    form = OrderFindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with order_lookup_guard(ip=client_ip(request), failure=NotFound):
                order = order_of_guest(
                    number=form.cleaned_data["number"], email=form.cleaned_data["email"]
                )
        except NotFound:
            form.add_error(None, _("We found no order with this number and email address."))
        else:
            remember_order(request, order)
            return redirect(order.get_absolute_url())
    return render(request, "orders/order_find.html", {"form": form})
