"""What every factory-API view shares: key auth, throttling, If-Match, Idempotency-Key."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from c2m.api import ErrorSerializer
from c2m.errors import ApplicationError
from production.api.authentication import FactoryApiKeyAuthentication, FactoryRequest, IsFactory
from production.api.serializers import WorkOrderDetailSerializer
from production.api.throttling import FactoryKeyThrottle
from production.models import WorkOrder
from production.services.address_reveals import address_reveals_record
from production.services.idempotency import idempotent_call, request_fingerprint

# Headers a replay repeats from the first response.
REPLAYED_HEADERS = ("ETag", "Location")

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
    OpenApiParameter.HEADER,
    description=(
        "Any unique string (1–255 printable ASCII characters, no spaces; 400 otherwise), "
        "e.g. a UUID, stable for one "
        "intended action. A retry with the same key and body returns the first response "
        "(header `Idempotent-Replayed: true`); the same key with another body answers 422. "
        "Concurrent requests with one key wait for the first and get its response. "
        "Keys are kept for at least 24 hours."
    ),
)
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    description='The work order\'s `version` (its ETag, e.g. `"3"`) or `*`; 412 if it '
    "changed (a value that is no version never matches).",
)


def errors(*statuses: int) -> dict[int, OpenApiResponse]:
    """The error responses an operation documents, all with the one error body."""
    text = {
        400: "Invalid input: `errors` names the fields.",
        401: "No, unknown, revoked or expired API key.",
        404: "No such resource for this factory.",
        409: "Not allowed in the current state: `allowed`, `allowed_events` and "
        "`allowed_actions` list the next steps.",
        412: "If-Match does not match the current version.",
        422: "Idempotency-Key reused with a different request.",
        429: "Too many requests for this key: wait `Retry-After` seconds.",
        503: "The database is briefly unreachable and nothing was done: retry after "
        "`Retry-After` seconds with the same `Idempotency-Key`.",
    }
    return {
        s: OpenApiResponse(ErrorSerializer, description=text[s]) for s in (401, 429, 503, *statuses)
    }


def not_modified(request: Request, etag: str) -> HttpResponse | None:
    """Django's conditional answer to a GET (a 304 with ``etag`` when ``If-None-Match``
    names it, weakly or among others), or None: answer it in full."""
    response = get_conditional_response(request, etag=etag)
    if response is not None:
        response["ETag"] = etag
    return response


class FactoryApi(APIView):
    authentication_classes = [FactoryApiKeyAuthentication]
    permission_classes = [IsFactory]
    throttle_classes = [FactoryKeyThrottle]

    def actor(self, request: FactoryRequest) -> str:
        return f"factory:{request.user.code}:{request.auth.name}"

    def expected_version(self, request: Request) -> int | None:
        """The If-Match version: None when absent or ``*``; -1 (never matches) if malformed."""
        value = request.headers.get("If-Match")
        if value is None or value.strip() == "*":
            return None
        value = value.strip().removeprefix("W/").strip('"')
        return int(value) if value.isdigit() and len(value) < 10 else -1

    def work_orders(self, request: FactoryRequest):
        return WorkOrder.objects.filter(factory_id=request.auth.factory_id)

    def detail(
        self, request: FactoryRequest, pk: int, *, conditional: bool = False
    ) -> HttpResponse:
        """The work order as the detail endpoint shows it, with its version as ETag."""
        work_order = (
            self.work_orders(request)
            .prefetch_related("events", "shipments", "files")
            .filter(pk=pk)
            .first()
        )
        if work_order is None:
            raise Http404
        etag = f'"{work_order.version}"'
        if conditional and (unchanged := not_modified(request, etag)) is not None:
            return unchanged
        response = Response(WorkOrderDetailSerializer(work_order).data)
        # The body carries ship_to once the factory accepted: record that it saw it.
        address_reveals_record(work_orders=[work_order], via="api")
        response["ETag"] = etag
        return response

    def idempotent(
        self, request: FactoryRequest, action: Callable[[], HttpResponse]
    ) -> HttpResponse:
        """Run a write once per ``Idempotency-Key``; client errors are stored like successes."""
        key = request.headers.get("Idempotency-Key")
        if key is None:
            return action()
        fingerprint = request_fingerprint(
            method=request.method or "", path=request.path, body=request.body
        )

        def run() -> tuple[int, str, dict[str, str]]:
            try:
                response = action()
            except (ApplicationError, exceptions.APIException, Http404) as exc:
                response = self.handle_exception(exc)
            if not isinstance(response, Response):
                raise TypeError("An idempotent action answers with a DRF Response.")
            body = JSONRenderer().render(response.data).decode()
            headers = {h: response[h] for h in REPLAYED_HEADERS if response.has_header(h)}
            return response.status_code, body, headers

        stored = idempotent_call(factory=request.user, key=key, fingerprint=fingerprint, action=run)
        response = HttpResponse(stored.body, status=stored.status, content_type="application/json")
        for header, value in stored.headers.items():
            response[header] = value
        if stored.replayed:
            response["Idempotent-Replayed"] = "true"
        return response
