"""Response headers for what Django has no setting for: a Content-Security-Policy and the
API's caching.

- Pages (storefront, admin, error pages): scripts, styles, images, fonts and requests from
  this site only, no inline script or style (no ``<script>`` blocks, ``style=`` or
  ``on…=`` attributes: the templates use static files and classes), no framing, no
  plugins, forms posting to this site only. A policy a view sets itself is kept.
- The API documentation (Swagger UI, Redoc from drf-spectacular's sidecar): the same, but
  inline scripts and styles are allowed and Redoc's worker is a ``blob:``, as those pages
  are written. They show the schema only, nobody's data.
- API responses: ``Cache-Control: no-store`` unless the view chose its caching, so order
  and work-order details (addresses, names) stay out of shared and browser caches; the
  factory poll's ``ETag``/``If-None-Match`` is the client's to send and still answers 304.
  And a policy that lets a JSON response load nothing nor be framed.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

PAGE_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
DOCS_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
API_CACHE_CONTROL = "no-store"

API_PREFIX = "/api/"
DOCS_PATHS = ("/api/docs/", "/api/redoc/")


API_HEADERS = {"Cache-Control": API_CACHE_CONTROL, "Content-Security-Policy": API_POLICY}


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        path = request.path_info
        if path.startswith(DOCS_PATHS):
            response.headers.setdefault("Content-Security-Policy", DOCS_POLICY)
        elif path.startswith(API_PREFIX):
            for name, value in API_HEADERS.items():
                response.headers.setdefault(name, value)
        else:
            response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        return response
