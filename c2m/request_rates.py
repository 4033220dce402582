"""Request rates per client address, for what costs us or others when repeated: checkout
submissions (card testing), artwork uploads and previews (CPU), the consumer API and the
payment webhook. Over its rate a request is refused before any work, with 429 and
``Retry-After``: a page in the shopper's language, or the API's error body.

``settings.REQUEST_RATES`` maps each scope to ``N/period`` (``s``, ``min``, ``h``, ``d``):
``N`` requests at once, then one every ``period / N``, counted atomically in the shared
cache (``c2m.rate_limits.rate_take``) by ``c2m.sign_in_guard.client_ip``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import ngettext
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from c2m.rate_limits import parse_rate, rate_take
from c2m.sign_in_guard import TooManyAttempts, client_ip


def request_rate_take(scope: str, request: HttpRequest) -> None:
    """Count one request of ``scope`` from the request's client; ``TooManyAttempts``
    (429, ``too_many_attempts``) when it is over the scope's rate (then it is not counted)."""
    wait = _wait(scope, request)
    if wait is None:
        return
    seconds = max(1, math.ceil(wait))
    if seconds < 120:
        detail = ngettext(
            "Too many requests from your network. Try again in %(count)d second.",
            "Too many requests from your network. Try again in %(count)d seconds.",
            seconds,
        ) % {"count": seconds}
    else:
        minutes = math.ceil(seconds / 60)
        detail = ngettext(
            "Too many requests from your network. Try again in %(count)d minute.",
            "Too many requests from your network. Try again in %(count)d minutes.",
            minutes,
        ) % {"count": minutes}
    raise TooManyAttempts(detail, retry_after=seconds)


def rate_limited(scope: str, *, methods: tuple[str, ...] = ("POST",)) -> Callable:
    """A page view whose ``methods`` requests count against ``scope``; over the rate, the
    refusal page with 429 and ``Retry-After``."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.method in methods:
                try:
                    request_rate_take(scope, request)
                except TooManyAttempts as refusal:
                    return refusal_page(request, refusal)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def refusal_page(request: HttpRequest, refusal: TooManyAttempts) -> HttpResponse:
    """The page of a request refused by a limit: 429 with ``Retry-After``."""
    response = render(request, "too_many_attempts.html", {"detail": refusal.detail}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


class ClientRateThrottle(BaseThrottle):
    """DRF's side: ``scope`` counted per client address for ``methods`` (all by default)."""

    scope = ""
    methods: tuple[str, ...] | None = None

    def __init__(self) -> None:
        self.wait_seconds: float | None = None

    def allow_request(self, request: Request, view: object) -> bool:
        if self.methods is not None and request.method not in self.methods:
            return True
        self.wait_seconds = _wait(self.scope, request)
        return self.wait_seconds is None

    def wait(self) -> float | None:
        return self.wait_seconds


def client_rate_throttle(scope: str, *, methods: tuple[str, ...] | None = None) -> type:
    """A ``ClientRateThrottle`` class for ``scope``, for a view's ``throttle_classes``."""
    return type(
        f"{scope.title().replace('-', '')}Throttle",
        (ClientRateThrottle,),
        {"scope": scope, "methods": methods},
    )


def _wait(scope: str, request: HttpRequest) -> float | None:
    count, period = parse_rate(settings.REQUEST_RATES[scope])
    return rate_take(f"rate:{scope}:{client_ip(request)}", count=count, period=period)
