"""The page for a request refused by ``c2m.sign_in_guard``: 429 with ``Retry-After``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from c2m.sign_in_guard import TooManyAttempts


def too_many_attempts(request: HttpRequest, refusal: TooManyAttempts) -> HttpResponse:
    response = render(request, "too_many_attempts.html", {"detail": refusal.detail}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


def refuses_too_many_attempts(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view whose ``TooManyAttempts`` is answered with the refusal page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except TooManyAttempts as refusal:
            return too_many_attempts(request, refusal)

    return wrapped
