"""The public page of an application to join (a company's, a plant's): one flow for both."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from c2m.errors import ApplicationError
from c2m.sign_in_guard import TooManyAttempts, client_ip, sign_up_guard


def application_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    template: str,
    submit: Callable[[], Any],
    done: str,
) -> HttpResponse:
    """GET shows ``form``. A POST counts against the client's address as a sign-up does
    (429 with ``Retry-After`` over the limit); one that filled the honeypot goes to
    ``done`` with nothing stored; a valid one is ``submit``-ted and goes to ``done``;
    otherwise the form comes back with its errors (400), the service's included."""
    if request.method != "POST":
        return render(request, template, {"form": form})
    try:
        with sign_up_guard(ip=client_ip(request)):
            if form.is_robot():  # type: ignore[attr-defined]
                return redirect(done)
            if form.is_valid():
                submit()
                return redirect(done)
    except TooManyAttempts as refusal:
        form.add_error(None, refusal.detail)
        response = render(request, template, {"form": form}, status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    except ApplicationError as error:
        for field, messages in error.errors.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
        if not error.errors:
            form.add_error(None, error.detail)
    return render(request, template, {"form": form}, status=400)
