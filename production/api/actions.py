"""Writing to a work order: accept, decline, report an event. One view per action."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from production.api import examples
from production.api.base import IDEMPOTENCY_KEY, IF_MATCH, FactoryApi, errors
from production.api.serializers import (
    DeclinedSerializer,
    DeclineInputSerializer,
    EventInputSerializer,
    WorkOrderDetailSerializer,
)
from production.services.factory_actions import (
    work_order_accept,
    work_order_decline,
    work_order_report,
)

WRITE_ERRORS = errors(400, 404, 409, 412, 422)


class WorkOrderAcceptApi(FactoryApi):
    @extend_schema(
        summary="Accept an offer",
        description="Commits your factory to make it; 409 if it is no longer offered "
        "(someone else, or a timeout, moved it on).",
        request=None,
        parameters=[IDEMPOTENCY_KEY, IF_MATCH],
        responses={200: WorkOrderDetailSerializer, **WRITE_ERRORS},
        examples=examples.DETAIL,
    )
    def post(self, request: Request, pk: int) -> HttpResponse:
        def accept() -> HttpResponse:
            work_order_accept(
                factory=request.user,
                work_order_id=pk,
                actor=self.actor(request),
                expected_version=self.expected_version(request),
            )
            return self.detail(request, pk)

        return self.idempotent(request, accept)


class WorkOrderDeclineApi(FactoryApi):
    @extend_schema(
        summary="Decline an offer",
        description="Hands it back with a reason; it is offered elsewhere, never to you again.",
        request=DeclineInputSerializer,
        parameters=[IDEMPOTENCY_KEY, IF_MATCH],
        responses={200: DeclinedSerializer, **WRITE_ERRORS},
        examples=examples.DECLINE,
    )
    def post(self, request: Request, pk: int) -> HttpResponse:
        def decline() -> HttpResponse:
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

        return self.idempotent(request, decline)


class WorkOrderEventApi(FactoryApi):
    @extend_schema(
        summary="Report production progress",
        description=(
            "`started` (from accepted), `progress` with `percent` and `note` (while in "
            "production), `qc_passed`, `qc_failed` with `reason` (back to production for "
            "rework), `shipped` with `carrier`, `tracking_number` and `packages` (repeat for "
            "further parcels). A 409 lists `allowed_events` for the current status."
        ),
        request=EventInputSerializer,
        parameters=[IDEMPOTENCY_KEY, IF_MATCH],
        responses={200: WorkOrderDetailSerializer, **WRITE_ERRORS},
        examples=examples.EVENTS,
    )
    def post(self, request: Request, pk: int) -> HttpResponse:
        def report() -> HttpResponse:
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

        return self.idempotent(request, report)
