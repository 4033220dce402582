"""The page for a request refused by ``c2m.sign_in_guard``: 429 with ``Retry-After``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

from c2m.request_rates import refusal_page
from c2m.sign_in_guard import TooManyAttempts


def refuses_too_many_attempts(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A view whose ``TooManyAttempts`` is answered with the refusal page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except TooManyAttempts as refusal:
            return refusal_page(request, refusal)

    return wrapped
