"""The partner-factory API: one view per action, each calling one service."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from production.api.authentication import FactoryApiKeyAuthentication, IsFactory
from production.api.serializers import (
    DeclineInputSerializer,
    EventInputSerializer,
    WorkOrderDetailSerializer,
    WorkOrderListItemSerializer,
)
from production.models import WorkOrder
from production.services.factory_actions import (
    work_order_accept,
    work_order_decline,
    work_order_report,
)


class FactoryApi(APIView):
    authentication_classes = [FactoryApiKeyAuthentication]
    permission_classes = [IsFactory]

    def actor(self, request: Request) -> str:
        return f"factory:{request.user.code}:{request.auth.name}"

    def expected_version(self, request: Request) -> int | None:
        value = request.headers.get("If-Match", "").strip('W/" ')
        return int(value) if value.isdigit() else None

    def work_orders(self, request: Request):
        return WorkOrder.objects.filter(factory=request.user)

    def detail(self, request: Request, pk: int) -> Response:
        work_order = self.work_orders(request).prefetch_related("events").filter(pk=pk).first()
        if work_order is None:
            raise Http404
        response = Response(WorkOrderDetailSerializer(work_order).data)
        response["ETag"] = f'"{work_order.version}"'
        return response


class WorkOrderListApi(FactoryApi):
    @extend_schema(
        operation_id="work_orders_list",
        parameters=[OpenApiParameter("status", str, many=True)],
        responses=inline_serializer(
            "WorkOrderList", {"results": WorkOrderListItemSerializer(many=True)}
        ),
    )
    def get(self, request: Request) -> Response:
        rows = self.work_orders(request).order_by("updated_at", "pk")
        statuses = request.query_params.getlist("status")
        if statuses:
            rows = rows.filter(status__in=statuses)
        return Response({"results": WorkOrderListItemSerializer(rows[:200], many=True).data})


class WorkOrderDetailApi(FactoryApi):
    @extend_schema(responses=WorkOrderDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        return self.detail(request, pk)


class WorkOrderAcceptApi(FactoryApi):
    @extend_schema(request=None, responses=WorkOrderDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        work_order_accept(
            factory=request.user,
            work_order_id=pk,
            actor=self.actor(request),
            expected_version=self.expected_version(request),
        )
        return self.detail(request, pk)


class WorkOrderDeclineApi(FactoryApi):
    @extend_schema(
        request=DeclineInputSerializer,
        responses=inline_serializer(
            "Declined", {"id": serializers.IntegerField(), "status": serializers.CharField()}
        ),
    )
    def post(self, request: Request, pk: int) -> Response:
        data = DeclineInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        work_order_decline(
            factory=request.user,
            work_order_id=pk,
            actor=self.actor(request),
            expected_version=self.expected_version(request),
            **data.validated_data,
        )
        return Response({"id": pk, "status": "declined"})


class WorkOrderEventApi(FactoryApi):
    @extend_schema(request=EventInputSerializer, responses=WorkOrderDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        data = EventInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        event = data.validated_data.pop("type")
        work_order_report(
            factory=request.user,
            work_order_id=pk,
            actor=self.actor(request),
            event=event,
            data=data.validated_data,
            expected_version=self.expected_version(request),
        )
        return self.detail(request, pk)
