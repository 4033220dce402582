"""Maps every API error to one body: ``{"code", "detail", "errors"}``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerView,
)
from rest_framework import exceptions, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from c2m.errors import ApplicationError

_CODES = {
    exceptions.ParseError: "malformed_request",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.Throttled: "throttled",
    exceptions.ValidationError: "invalid",
}


class ErrorSerializer(serializers.Serializer):
    """The one error body of every API (a 409 on a work order adds its current status and
    the allowed next steps)."""

    code = serializers.CharField()
    detail = serializers.CharField()
    # The body's field is named "errors"; this serializer only describes it in the schema.
    errors = serializers.DictField()  # type: ignore[assignment]


ERROR_TEXTS = {
    400: "Invalid input: `code` says what, `errors` names the fields.",
    401: "No, unknown or revoked credentials.",
    403: "Not allowed (a session request without its CSRF token).",
    404: "No such resource, or not yours.",
    409: "Not allowed in the current state.",
    412: "If-Match does not match the current version.",
    413: "The request body is larger than the server accepts.",
    415: "The body is not of a content type this operation reads (or a multipart body "
    "that cannot be parsed).",
    422: "The request contradicts what is recorded.",
    429: "Too many requests: wait `Retry-After` seconds.",
    503: "The database is briefly unreachable; nothing was done: retry after `Retry-After` "
    "seconds (with the same `Idempotency-Key`).",
}

# Raised when PostgreSQL restarts, fails over or drops the connection: the transaction
# rolled back, so the same request can simply be sent again.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)
DATABASE_RETRY_AFTER_SECONDS = 2


def lost_database(exc: BaseException | None) -> bool:
    """True when ``exc``, or an exception it was raised from or while handling, is a lost
    database connection: Django turns one met while saving a session into a 400
    (``SessionInterrupted``), which must be a 503 like the others."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, DATABASE_UNAVAILABLE):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def error_responses(*statuses: int, **texts: str) -> dict[int, OpenApiResponse]:
    """Schema: the error answers of an operation, each with the error body; ``texts``
    (``e404="..."``) replaces the standard description of a status."""
    return {
        s: OpenApiResponse(ErrorSerializer, description=texts.get(f"e{s}", ERROR_TEXTS[s]))
        for s in statuses
    }


def error_body(code: str, detail: str, errors: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "detail": detail, "errors": errors or {}}


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, DATABASE_UNAVAILABLE):
        return Response(
            database_unavailable_body(),
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
        )
    if isinstance(exc, ApplicationError):
        body = error_body(exc.code, exc.detail, exc.errors) | exc.extra
        return Response(body, status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    assert isinstance(exc, exceptions.APIException)
    code = _CODES.get(type(exc), "error")
    if isinstance(exc, exceptions.ValidationError):
        errors = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        response.data = error_body(code, "The request has invalid fields.", errors)
    else:
        response.data = error_body(code, str(exc.detail))
    return response


def database_unavailable_body() -> dict[str, Any]:
    return error_body("database_unavailable", "The database is briefly unavailable; please retry.")


def json_error(request: HttpRequest, status_code: int, code: str, detail: str) -> JsonResponse:
    return JsonResponse(error_body(code, detail), status=status_code)


@csrf_exempt  # an unknown route must answer JSON 404 to POSTs too, not the CSRF page
def api_not_found(request: HttpRequest, *args: object, **kwargs: object) -> JsonResponse:
    return json_error(request, status.HTTP_404_NOT_FOUND, "not_found", "No such resource.")


def api_bad_request(request: HttpRequest, *, too_large: bool = False) -> JsonResponse:
    if too_large:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return json_error(
            request,
            status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
            "request_too_large",
            f"The request body may not exceed {limit} bytes.",
        )
    return json_error(
        request, status.HTTP_400_BAD_REQUEST, "bad_request", "The request cannot be served."
    )


def api_permission_denied(request: HttpRequest) -> JsonResponse:
    return json_error(
        request, status.HTTP_403_FORBIDDEN, "permission_denied", "You may not do this."
    )


def api_database_unavailable(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(database_unavailable_body(), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


def api_server_error(request: HttpRequest) -> JsonResponse:
    return json_error(
        request, status.HTTP_500_INTERNAL_SERVER_ERROR, "server_error", "Something went wrong."
    )


# The mixin is only ever combined with a DRF view; the type checker is told so.
if TYPE_CHECKING:
    _ApiView = APIView
else:
    _ApiView = object


class JsonErrorsMixin(_ApiView):
    """For API views whose renderers are not JSON (the schema's YAML, the docs' HTML):
    their errors (404 for an unknown ``format``, 405, 406) are JSON like every API's."""

    def finalize_response(
        self, request: Request, response: Any, *args: object, **kwargs: object
    ) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and response.status_code >= 400:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response


class SchemaView(JsonErrorsMixin, SpectacularAPIView):
    pass


class SwaggerView(JsonErrorsMixin, SpectacularSwaggerView):
    pass


class RedocView(JsonErrorsMixin, SpectacularRedocView):
    pass


def parse_query(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    """Validated query parameters; a parameter given empty is an error, not "absent"."""
    query = serializer_class(data=request.query_params)
    blank = {
        name: ["May not be blank."]
        for name in list(query.fields)
        if name in request.query_params and "" in request.query_params.getlist(name)
    }
    if blank:
        raise serializers.ValidationError(blank)
    query.is_valid(raise_exception=True)
    return query.validated_data


@extend_schema_field(
    {"type": "string", "pattern": r"^[0-9]{1,6}(\.[0-9]{1,2})?$", "example": "1.80"}
)
class PriceInputField(serializers.DecimalField):
    """A price sent as a string of up to 6 digits and 2 decimals (``"1.80"``), with the
    schema stating exactly that (drf-spectacular's pattern for a decimal allows ``""``)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_digits=8, decimal_places=2, **kwargs)
