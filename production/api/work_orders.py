"""Reading work orders: the poll list, one work order, and its files."""

from __future__ import annotations

import hashlib
import json

from django.http import FileResponse, Http404, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema

from c2m.api import parse_query
from production.api import examples
from production.api.authentication import FactoryRequest
from production.api.base import FactoryApi, errors, not_modified
from production.api.serializers import (
    WorkOrderDetailSerializer,
    WorkOrderListQuerySerializer,
    WorkOrderPageSerializer,
)
from production.file_downloads import production_file_response
from production.models import WorkOrderStatus
from production.selectors.factory_api import factory_work_orders_page
from production.selectors.production_files import work_order_file
from production.services.feed import factory_feed_head

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
                "express",
                OpenApiTypes.BOOL,
                description="`true`: only express (priority) work, to make first; `false`: "
                "only standard work. Poll `express=true` before the rest.",
            ),
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
        params = parse_query(WorkOrderListQuerySerializer, request)
        factory_id = request.auth.factory_id
        # The factory's change sequence moves on every change to any of its work orders,
        # so it answers an idle poll without reading a single work order.
        etag = poll_etag(factory_id=factory_id, query=request.query_params.urlencode())
        if (unchanged := not_modified(request, etag)) is not None:
            return unchanged
        page = factory_work_orders_page(
            factory_id=factory_id,
            statuses=params.get("status", ()),
            updated_after=params.get("updated_after"),
            cursor=params.get("cursor"),
            limit=params["limit"],
            express={"true": True, "false": False}.get(params.get("express", "")),
        )
        # The items are JSON already (written by PostgreSQL): only the envelope is written
        # here, compact and UTF-8 as DRF's renderer writes it.
        body = f'{{"next":{json.dumps(page.next_cursor)},"results":{page.results}}}'
        return HttpResponse(body.encode(), content_type="application/json", headers={"ETag": etag})


def poll_etag(*, factory_id: int, query: str) -> str:
    """The ETag of the factory's poll with ``query`` (as sent) as its work orders stand now:
    one primary-key read."""
    head = factory_feed_head(factory_id=factory_id)
    digest = hashlib.sha256(f"{factory_id}:{head}:{query}".encode()).hexdigest()
    return f'"{digest[:32]}"'


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
