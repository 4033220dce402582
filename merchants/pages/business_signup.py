"""The public "For business" page: a company applies for a business account."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from c2m.application_pages import application_page
from merchants.forms import BusinessApplicationForm
from merchants.services.applications import business_application_submit

TEMPLATE = "merchants/business_apply.html"


def business_apply(request: HttpRequest) -> HttpResponse:
    form = BusinessApplicationForm(request.POST or None)
    return application_page(
        request,
        form,
        template=TEMPLATE,
        submit=lambda: business_application_submit(**form.for_service(), language=get_language()),
        done="merchants:business_applied",
    )


def business_applied(request: HttpRequest) -> HttpResponse:
    return render(request, "merchants/business_applied.html")
