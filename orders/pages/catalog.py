"""The catalogue page: every product on sale."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from orders.models import Product


def catalog(request: HttpRequest) -> HttpResponse:
    products = Product.objects.filter(is_active=True)
    return render(request, "orders/catalog.html", {"products": products})
