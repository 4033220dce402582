"""Reading work orders: the poll list, one work order, and its files."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema

from production.api import examples
from production.api.authentication import FactoryRequest
from production.api.base import FactoryApi, errors, etag_matches, parse_query
from production.api.poll import poll_body, poll_etag, quick_poll_query
from production.api.serializers import (
    WorkOrderDetailSerializer,
    WorkOrderListQuerySerializer,
    WorkOrderPageSerializer,
)
from production.file_downloads import production_file_response
from production.models import WorkOrderStatus
from production.selectors.factory_api import factory_work_orders_page
from production.selectors.production_files import work_order_file

IF_NONE_MATCH = OpenApiParameter(
    "If-None-Match", str, OpenApiParameter.HEADER, description="The ETag of your last poll."
)


class WorkOrderListApi(FactoryApi):
    @extend_schema(
        operation_id="work_orders_list",
        summary="Poll your work orders",
        description=(
            "Work orders offered or assigned to your factory, oldest change first (newest "
            "changes last), 50 per page by default. Follow `next` as `cursor` until it is "
            "null. Send the response's `ETag` back as `If-None-Match`: while nothing of yours "
            "changed the answer is an empty `304`."
        ),
        parameters=[
            OpenApiParameter(
                "status", str, many=True, enum=WorkOrderStatus.values, description="Repeatable."
            ),
            OpenApiParameter("updated_after", OpenApiTypes.DATETIME),
            OpenApiParameter(
                "cursor",
                {"type": "string", "pattern": "^[A-Za-z0-9_=-]{1,200}$"},
                description="The `next` of the previous page, as given.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 200},
                description="1–200, default 50.",
            ),
            IF_NONE_MATCH,
        ],
        responses={
            200: WorkOrderPageSerializer,
            304: OpenApiResponse(description="Nothing changed since your ETag."),
            **errors(400),
        },
        examples=examples.LIST,
    )
    def get(self, request: FactoryRequest) -> HttpResponse:
        params = poll_query(request)
        # The factory's change sequence moves on every change to any of its work orders,
        # so it answers an idle poll without reading a single work order. (Most idle polls
        # never get here: production.api.poll_shortcut answers them in front of Django, and
        # most full polls too.)
        etag = poll_etag(factory_id=request.user.pk, query=request.GET)
        if etag_matches(request, etag):
            response: HttpResponse = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        page = factory_work_orders_page(
            factory_id=request.user.pk,
            statuses=params.get("status", ()),
            updated_after=params.get("updated_after"),
            cursor=params.get("cursor"),
            limit=params["limit"],
        )
        response = HttpResponse(poll_body(page), content_type="application/json")
        response["ETag"] = etag
        return response


def poll_query(request: FactoryRequest) -> dict[str, Any]:
    """The poll's validated query parameters: read directly when the query is a poll as
    clients send it (``quick_poll_query``), else by ``WorkOrderListQuerySerializer``, which
    returns the same values or raises the 400. Saves the serializer's cost on every poll.
    """
    params = quick_poll_query(request.query_params)
    if params is None:
        return parse_query(WorkOrderListQuerySerializer, request)
    return params


class WorkOrderDetailApi(FactoryApi):
    @extend_schema(
        summary="One work order",
        description="What to make, how, by when; `ship_to` only once you accepted it. "
        "`ETag` is the version, for `If-Match` on writes.",
        parameters=[IF_NONE_MATCH],
        responses={
            200: WorkOrderDetailSerializer,
            304: OpenApiResponse(description="Unchanged."),
            **errors(404),
        },
        examples=examples.DETAIL,
    )
    def get(self, request: FactoryRequest, pk: int) -> HttpResponse:
        return self.detail(request, pk, conditional=True)


class WorkOrderFileApi(FactoryApi):
    @extend_schema(
        summary="Download a production file or the job ticket",
        description="Streams a file listed in the work order's `files` (print files, "
        "engraving/embroidery outlines as PNG, SVG and DXF, `job-ticket.pdf`), as an "
        "attachment with its sha256 as `ETag`. Only for the factory the work order is "
        "offered or assigned to; 404 while `files_status` is `preparing`.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY),
            **errors(404),
        },
    )
    def get(self, request: FactoryRequest, pk: int, name: str) -> FileResponse:
        work_order = (
            self.work_orders(request).prefetch_related("files", "events").filter(pk=pk).first()
        )
        row = work_order_file(work_order, name) if work_order is not None else None
        if row is None:
            raise Http404
        return production_file_response(row)
