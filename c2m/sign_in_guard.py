"""Brute-force limits on password sign-in (storefront and admin), sign-up and guest order
lookups: after a number of failures in the shared cache, further attempts are refused for
a while, the right password included.

Counts live in the default cache (Redis in production, so every web process sees them)
and are taken atomically *before* the password is checked (``c2m.rate_limits``), so
concurrent guesses cannot slip past the limit between a check and a count. An attempt that
turns out not to be a failure gives its step back.

- Sign-in: failures per account (the username as typed, case-folded) and per client
  address. The account's count is cleared by a successful sign-in; the address's is not,
  so signing in to one's own account between guesses at others' does not help.
- Sign-up: every submission per client address.
- Guest order lookup (order page, consumer API): lookups that found nothing per address.

``client_ip`` trusts ``X-Forwarded-For`` only for ``TRUSTED_PROXIES`` hops (0 by default:
``REMOTE_ADDR``). Behind a reverse proxy set it, or every client shares the proxy's count.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import ngettext

from c2m.errors import ApplicationError
from c2m.rate_limits import count_add, count_clear, count_extend, count_give_back


class TooManyAttempts(ApplicationError):
    """Refused without being tried: ``retry_after`` seconds until attempts are taken again."""

    status = 429
    code = "too_many_attempts"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail, extra={"retry_after": retry_after})
        self.retry_after = retry_after


@dataclass(frozen=True)
class Limit:
    """``max_setting`` attempts per ``window_setting`` seconds; a subject that reaches the
    maximum is refused for a whole window from its last counted attempt."""

    name: str
    max_setting: str
    max_default: int
    window_setting: str
    window_default: int
    # What an attempt that did not fail does to the count: "clear" it (an account whose
    # password was given), "give back" its own step, or "keep" it (every attempt counts).
    on_success: str = "give back"

    @property
    def max(self) -> int:
        return getattr(settings, self.max_setting, self.max_default)

    @property
    def window(self) -> int:
        return getattr(settings, self.window_setting, self.window_default)


SIGN_IN_ACCOUNT = Limit(
    "sign-in-account", "SIGN_IN_MAX_FAILURES", 5, "SIGN_IN_LOCKOUT_SECONDS", 900, "clear"
)
SIGN_IN_ADDRESS = Limit(
    "sign-in-ip", "SIGN_IN_MAX_FAILURES_PER_IP", 30, "SIGN_IN_LOCKOUT_SECONDS", 900
)
SIGN_UP_ADDRESS = Limit(
    "sign-up-ip", "SIGN_UP_MAX_PER_IP", 10, "SIGN_UP_WINDOW_SECONDS", 3600, "keep"
)
ORDER_LOOKUP_ADDRESS = Limit(
    "order-lookup-ip",
    "ORDER_LOOKUP_MAX_FAILURES_PER_IP",
    20,
    "ORDER_LOOKUP_LOCKOUT_SECONDS",
    900,
)


def _refusal(topic: str, retry_after: int) -> TooManyAttempts:
    minutes = max(1, math.ceil(retry_after / 60))
    template = {
        "sign-in": ngettext(
            "Too many failed sign-in attempts. Try again in %(minutes)d minute.",
            "Too many failed sign-in attempts. Try again in %(minutes)d minutes.",
            minutes,
        ),
        "sign-up": ngettext(
            "Too many sign-up attempts from your network. Try again in %(minutes)d minute.",
            "Too many sign-up attempts from your network. Try again in %(minutes)d minutes.",
            minutes,
        ),
        "order-lookup": ngettext(
            "Too many failed order lookups. Try again in %(minutes)d minute.",
            "Too many failed order lookups. Try again in %(minutes)d minutes.",
            minutes,
        ),
    }[topic]
    return TooManyAttempts(template % {"minutes": minutes}, retry_after=retry_after)


@dataclass(frozen=True)
class _Count:
    limit: Limit
    key: str
    count: int

    @property
    def until_key(self) -> str:
        return f"{self.key}:until"

    def retry_after(self) -> int:
        until = cache.get(self.until_key)
        return max(1, math.ceil(until - time.time())) if until else self.limit.window

    def lock(self) -> None:
        window = self.limit.window
        cache.set(self.until_key, time.time() + window, timeout=window)
        count_extend(self.key, window=window)


def _key(limit: Limit, subject: str) -> str:
    digest = hashlib.sha256(subject.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return f"guard:{limit.name}:{digest}"


@contextmanager
def _guard(
    topic: str, subjects: list[tuple[Limit, str]], *, failure: type[BaseException]
) -> Iterator[None]:
    """Count one attempt of each subject, refuse it (``TooManyAttempts``) when a subject is
    over its limit, and run the block; ``failure`` raised in it is a failed attempt (the
    one that reaches a limit raises ``TooManyAttempts`` instead); otherwise each count
    does what its limit's ``on_success`` says."""
    counts = [
        _Count(limit, key := _key(limit, subject), count_add(key, window=limit.window))
        for limit, subject in subjects
    ]
    over = [c for c in counts if c.count > c.limit.max]
    if over:
        raise _refusal(topic, max(c.retry_after() for c in over))
    try:
        yield
    except failure as error:
        reached = [c for c in counts if c.count >= c.limit.max]
        for count in reached:
            count.lock()
        if reached:
            raise _refusal(topic, max(c.limit.window for c in reached)) from error
        raise
    for count in counts:
        if count.limit.on_success == "clear":
            count_clear(count.key)
        elif count.limit.on_success == "give back":
            count_give_back(count.key)
        elif count.count >= count.limit.max:
            count.lock()


def sign_in_guard(
    *, username: str, ip: str, failure: type[BaseException]
) -> AbstractContextManager[None]:
    """Around one password check of ``username`` from ``ip`` (raising ``failure`` when the
    password is wrong): a context manager."""
    account = username.strip().casefold()
    return _guard(
        "sign-in",
        [(SIGN_IN_ACCOUNT, account), (SIGN_IN_ADDRESS, ip)],
        failure=failure,
    )


def sign_up_guard(*, ip: str) -> AbstractContextManager[None]:
    """Around one sign-up submission from ``ip``: every submission counts."""
    return _guard("sign-up", [(SIGN_UP_ADDRESS, ip)], failure=_NeverRaised)


def order_lookup_guard(*, ip: str, failure: type[BaseException]) -> AbstractContextManager[None]:
    """Around one lookup of an order by a guest's number or token from ``ip``; ``failure``
    is the lookup's "not found"."""
    return _guard("order-lookup", [(ORDER_LOOKUP_ADDRESS, ip)], failure=failure)


class _NeverRaised(Exception):
    pass


def client_ip(request: HttpRequest) -> str:
    """The client's address as the guard counts it: from ``X-Forwarded-For`` as far as
    ``TRUSTED_PROXIES`` proxies appended it, else ``REMOTE_ADDR``; IPv6 by its /64."""
    address = request.META.get("REMOTE_ADDR", "")
    hops = getattr(settings, "TRUSTED_PROXIES", 0)
    if hops:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def retry_after_header(refusal: TooManyAttempts) -> dict[str, str]:
    return {"Retry-After": str(refusal.retry_after)}
