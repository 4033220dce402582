"""The shop's own pages (terms, returns, privacy, contact), in the shopper's language."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from c2m.errors import NotFound
from orders.selectors.shop_pages import shop_page_get


def shop_page(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = shop_page_get(slug=slug)
    except NotFound as error:
        raise Http404(error.detail) from None
    return render(request, "orders/shop_page.html", {"shop_page": page})
