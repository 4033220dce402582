"""The public "For business" page: a company applies for a business account."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from c2m.errors import ApplicationError
from c2m.sign_in_guard import TooManyAttempts, client_ip, sign_up_guard
from merchants.forms import BusinessApplicationForm
from merchants.services.applications import business_application_submit

TEMPLATE = "merchants/business_apply.html"


def business_apply(request: HttpRequest) -> HttpResponse:
    form = BusinessApplicationForm(request.POST or None)
    if request.method != "POST":
        return render(request, TEMPLATE, {"form": form})
    try:
        # Every submission counts against the address, as the storefront's sign-up does.
        with sign_up_guard(ip=client_ip(request)):
            if form.is_robot():
                return redirect("merchants:business_applied")
            if form.is_valid():
                business_application_submit(
                    **form.cleaned_data_for_service(), language=get_language()
                )
                return redirect("merchants:business_applied")
    except TooManyAttempts as refusal:
        form.add_error(None, refusal.detail)
        response = render(request, TEMPLATE, {"form": form}, status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    except ApplicationError as error:
        for field, messages in error.errors.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
        if not error.errors:
            form.add_error(None, error.detail)
    return render(request, TEMPLATE, {"form": form}, status=400)


def business_applied(request: HttpRequest) -> HttpResponse:
    return render(request, "merchants/business_applied.html")
