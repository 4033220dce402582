"""The response headers Django gives a poll (200 or 304), for the shortcut in front of it.

Django's answer gets its headers from the view (``Content-Type``, ``ETag``), DRF
(``Allow``) and the middleware, in this order: ``XFrameOptionsMiddleware``,
``CommonMiddleware`` (``Content-Length``), ``LocaleMiddleware`` (``Vary``,
``Content-Language``), ``SecurityHeadersMiddleware`` (``Cache-Control``, a
Content-Security-Policy) and ``SecurityMiddleware`` (HSTS on HTTPS, ``nosniff``,
``Referrer-Policy``, ``Cross-Origin-Opener-Policy``); the other middleware add nothing to
a poll. ``poll_headers`` writes the same list from the same settings.

That holds for the middleware list it was written for: with any other ``MIDDLEWARE``,
``headers_known()`` is False and the shortcut leaves every poll to Django. Tests compare
the shortcut's answers with Django's, header by header and byte by byte.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.http import HttpRequest
from django.urls import resolve
from django.utils import translation

from c2m.security_headers import api_headers
from production.api.poll import POLL_PATH

KNOWN_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "c2m.security_headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]


def headers_known() -> bool:
    """True when Django's middleware and URLs are the ones ``poll_headers`` describes."""
    return settings.MIDDLEWARE == KNOWN_MIDDLEWARE and _poll_view_allows(settings.ROOT_URLCONF)


@cache
def _poll_view_allows(urlconf: str) -> str | None:
    """The poll view's ``Allow`` header (DRF's), if ``POLL_PATH`` resolves to it."""
    from production.api.work_orders import WorkOrderListApi

    if getattr(resolve(POLL_PATH, urlconf).func, "view_class", None) is not WorkOrderListApi:
        return None
    view = WorkOrderListApi()
    view.setup(HttpRequest())  # as for a request: HEAD is answered by GET
    return ", ".join(view.allowed_methods)


def poll_headers(request: HttpRequest, *, etag: str, body: bytes) -> list[tuple[str, str]]:
    """Django's headers for the poll answered with ``body``: a 200, or a 304 if empty."""
    headers = [("Content-Type", "application/json")] if body else []
    headers += [
        ("ETag", etag),
        ("Allow", _poll_view_allows(settings.ROOT_URLCONF)),
        ("X-Frame-Options", getattr(settings, "X_FRAME_OPTIONS", "DENY").upper()),
        ("Content-Length", str(len(body))),
        ("Vary", "Accept-Language"),
        ("Content-Language", _language(request)),
        *api_headers(),
    ]
    if settings.SECURE_HSTS_SECONDS and request.is_secure():
        sts = f"max-age={settings.SECURE_HSTS_SECONDS}"
        if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
            sts += "; includeSubDomains"
        if settings.SECURE_HSTS_PRELOAD:
            sts += "; preload"
        headers.append(("Strict-Transport-Security", sts))
    if settings.SECURE_CONTENT_TYPE_NOSNIFF:
        headers.append(("X-Content-Type-Options", "nosniff"))
    if policy := settings.SECURE_REFERRER_POLICY:
        if isinstance(policy, str):
            policy = [v.strip() for v in policy.split(",")]
        headers.append(("Referrer-Policy", ",".join(policy)))
    if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
        headers.append(("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY))
    return headers


def _language(request: HttpRequest) -> str:
    """The language ``LocaleMiddleware`` activates for the request (from
    ``Accept-Language``: the shortcut leaves requests with cookies to Django), as its
    ``Content-Language`` names it."""
    i18n_patterns_used, prefixed_default = is_language_prefix_patterns_used(settings.ROOT_URLCONF)
    if i18n_patterns_used and not prefixed_default:
        return translation.to_language(settings.LANGUAGE_CODE)
    language = translation.get_language_from_request(request, check_path=i18n_patterns_used)
    return translation.to_language(language)
