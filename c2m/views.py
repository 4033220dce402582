"""Error pages: JSON under /api/, HTML elsewhere; never a stack trace.

Django calls these with ``DEBUG`` off for what no view answered itself: ``bad_request``
for ``SuspiciousOperation`` (a ``Host`` not in ``ALLOWED_HOSTS``, a body over
``DATA_UPLOAD_MAX_MEMORY_SIZE``, too many fields), ``permission_denied``, ``not_found``
and ``server_error``. A lost database connection (PostgreSQL restarting, failing over, or
the connection killed) raised outside an API view is a 503 with ``Retry-After`` rather than
a 500 (or the 400 Django makes of it when the session cannot be saved): the transaction
rolled back and the same request succeeds again.
"""

import sys

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults

from c2m.api import (
    DATABASE_RETRY_AFTER_SECONDS,
    api_bad_request,
    api_database_unavailable,
    api_not_found,
    api_permission_denied,
    api_server_error,
    lost_database,
)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if lost_database(exception):
        return database_unavailable(request)
    if _is_api(request):
        return api_bad_request(request, too_large=isinstance(exception, RequestDataTooBig))
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if _is_api(request):
        return api_permission_denied(request)
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _is_api(request):
        return api_not_found(request)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Django calls this inside its ``except`` block: the exception is the one being handled.
    if lost_database(sys.exc_info()[1]):
        return database_unavailable(request)
    if _is_api(request):
        return api_server_error(request)
    return render(request, "500.html", status=500)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    if _is_api(request):
        return api_database_unavailable(request)
    # A template without the site's layout: that would ask the database for the shopper.
    response = render(request, "503.html", status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response
