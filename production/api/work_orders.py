"""Reading work orders: the poll list, one work order, and its files."""

from __future__ import annotations

import json
import re
from typing import Any

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.request import Request

from production.api import examples
from production.api.base import FactoryApi, errors, etag_matches, parse_query
from production.api.idle_poll import poll_etag
from production.api.serializers import (
    WorkOrderDetailSerializer,
    WorkOrderListQuerySerializer,
    WorkOrderPageSerializer,
)
from production.models import WorkOrderStatus
from production.selectors.factory_api import factory_work_orders_page

STATUSES = frozenset(WorkOrderStatus.values)
POLL_LIMIT = re.compile(r"[0-9]{1,3}")
CURSOR = re.compile(r"[A-Za-z0-9_=-]{1,200}")

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
            OpenApiParameter("cursor", str),
            OpenApiParameter("limit", int, description="1–200, default 50."),
            IF_NONE_MATCH,
        ],
        responses={
            200: WorkOrderPageSerializer,
            304: OpenApiResponse(description="Nothing changed since your ETag."),
            **errors(400),
        },
        examples=examples.LIST,
    )
    def get(self, request: Request) -> HttpResponse:
        params = poll_query(request)
        # The factory's change sequence moves on every change to any of its work orders,
        # so it answers an idle poll without reading a single work order. (Most idle polls
        # never get here: production.api.idle_poll answers them in front of Django.)
        etag = poll_etag(factory_id=request.user.pk, query=request.GET)
        if etag_matches(request, etag):
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        page = factory_work_orders_page(
            factory_id=request.user.pk,
            statuses=params.get("status", ()),
            updated_after=params.get("updated_after"),
            cursor=params.get("cursor"),
            limit=params["limit"],
        )
        # The page's results are JSON already; only the envelope is written here.
        body = f'{{"next":{json.dumps(page.next_cursor)},"results":{page.results}}}'
        response = HttpResponse(body, content_type="application/json")
        response["ETag"] = etag
        return response


def poll_query(request: Request) -> dict[str, Any]:
    """The poll's validated query parameters.

    A poll as clients send it (known statuses, a cursor as handed out, a plain limit) is
    read directly; anything else goes through ``WorkOrderListQuerySerializer``, which
    returns the same values or raises the 400. Saves the serializer's cost on every poll.
    """
    query = request.query_params
    statuses = query.getlist("status")
    limit = query.get("limit", "50")
    cursor = query.get("cursor")
    if (
        "updated_after" not in query
        and STATUSES.issuperset(statuses)
        and POLL_LIMIT.fullmatch(limit)
        and 1 <= int(limit) <= 200
        and (cursor is None or CURSOR.fullmatch(cursor))
    ):
        return {"status": statuses, "limit": int(limit), "cursor": cursor}
    return parse_query(WorkOrderListQuerySerializer, request)


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
    def get(self, request: Request, pk: int) -> HttpResponse:
        return self.detail(request, pk, conditional=True)


class WorkOrderFileApi(FactoryApi):
    @extend_schema(
        summary="Download a production file or the job ticket",
        description="Streams the file named in the work order's `files`; only for the "
        "factory the work order is offered or assigned to.",
        responses={
            (200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY),
            **errors(404),
        },
    )
    def get(self, request: Request, pk: int, name: str) -> HttpResponse:
        snapshot = self.work_orders(request).filter(pk=pk).values_list("snapshot", flat=True)
        snapshot = next(iter(snapshot), None)
        if snapshot is None:
            raise Http404
        entry = next(
            (
                f
                for f in (snapshot or {}).get("files", [])
                if isinstance(f, dict) and f.get("name") == name and f.get("path")
            ),
            None,
        )
        if entry is None:
            raise Http404
        try:
            handle = default_storage.open(entry["path"], "rb")
        except (FileNotFoundError, OSError, ValueError):
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=name,
            content_type=entry.get("content_type") or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, max-age=0"
        if entry.get("sha256"):
            response["ETag"] = f'"{entry["sha256"]}"'
        return response
