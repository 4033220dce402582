"""Writing to a work order: accept, decline, report an event, release. One view per action."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from production.api import examples
from production.api.authentication import FactoryRequest
from production.api.base import IDEMPOTENCY_KEY, IF_MATCH, FactoryApi, errors
from production.api.serializers import (
    DeclinedSerializer,
    DeclineInputSerializer,
    EnergyInputSerializer,
    EnergyOutputSerializer,
    EventInputSerializer,
    ReleasedSerializer,
    ReleaseInputSerializer,
    WorkOrderDetailSerializer,
)
from production.models import WorkOrderEventType
from production.services.carbon import work_order_energy_report
from production.services.factory_actions import (
    work_order_accept,
    work_order_decline,
    work_order_report,
)
from production.services.release import work_order_release

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
    def post(self, request: FactoryRequest, pk: int) -> HttpResponse:
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
        description="Hands an offer back with a reason; it is offered elsewhere, never to you "
        "again. Only offers: once you accepted, this answers 409 (`allowed_actions` names "
        "`release`).",
        request=DeclineInputSerializer,
        parameters=[IDEMPOTENCY_KEY, IF_MATCH],
        responses={200: DeclinedSerializer, **WRITE_ERRORS},
        examples=examples.DECLINE,
    )
    def post(self, request: FactoryRequest, pk: int) -> HttpResponse:
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
            "The work order moves accepted → in_production → qc_passed → shipped → "
            "delivered:\n\n"
            "- `started` (from accepted) → in_production;\n"
            "- `progress` with `percent` and optional `note` (while in production);\n"
            "- `qc_passed` (from in_production) → qc_passed;\n"
            "- `qc_failed` with `reason` (from in_production or qc_passed) → qc_failed;\n"
            "- `rework` or `reprint`, optional `note` (from qc_failed) → in_production, to be "
            "checked again;\n"
            "- `shipped` with `carrier`, `tracking_number` and `packages` (from qc_passed; "
            "repeat for further parcels). Never from qc_failed. Straight from in_production "
            "only when the work order has no QC step (its `operations` have no operation "
            "with capability `qc`).\n"
            "- `delivered` with `tracking_number` and optional `delivered_at` (from shipped): "
            "that parcel reached the customer. When every parcel of the work order is "
            "delivered it moves to delivered, and the order is delivered once all its work "
            "orders are. Reporting a delivered parcel again changes nothing (200); an "
            "unknown tracking number answers 422 `unknown_parcel`. The sandbox carrier's "
            "tracking may report delivery too; `parcels` in the work order shows each "
            "parcel's `tracking_status`.\n\n"
            "Anything else answers 409 with `current_status`, `allowed` (next statuses), "
            "`allowed_events` (events you may report now) and `allowed_actions`."
        ),
        request=EventInputSerializer,
        parameters=[IDEMPOTENCY_KEY, IF_MATCH],
        responses={200: WorkOrderDetailSerializer, **WRITE_ERRORS},
        examples=examples.EVENTS,
    )
    def post(self, request: FactoryRequest, pk: int) -> HttpResponse:
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


class WorkOrderReleaseApi(FactoryApi):
    @extend_schema(
        summary="Release accepted work",
        description=(
            "Gives back a work order you accepted (accepted, in_production or qc_failed) "
            "that you cannot finish, with a reason code and text. It is routed again at "
            "once, never to you; its capacity is released; the release is recorded with "
            "whether and when you were shown the shipping address, and counts against your "
            "quality score (twice a decline). After acceptance this is the only way to give "
            "work back: the offer's decline answers 409."
        ),
        request=ReleaseInputSerializer,
        parameters=[IDEMPOTENCY_KEY, IF_MATCH],
        responses={200: ReleasedSerializer, **WRITE_ERRORS},
        examples=examples.RELEASE,
    )
    def post(self, request: FactoryRequest, pk: int) -> HttpResponse:
        def release() -> HttpResponse:
            data = ReleaseInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            work_order = work_order_release(
                factory=request.user,
                work_order_id=pk,
                actor=self.actor(request),
                expected_version=self.expected_version(request),
                **data.validated_data,
            )
            released = work_order.events.filter(type=WorkOrderEventType.RELEASED).latest("pk")
            return Response(
                {
                    "id": pk,
                    "status": "released",
                    "address_seen_at": released.data.get("address_seen_at"),
                }
            )

        return self.idempotent(request, release)


class WorkOrderEnergyApi(FactoryApi):
    @extend_schema(
        summary="Report the energy the work used",
        description="Your measured electricity for this work order, in kWh: it replaces the "
        "estimate (minutes × your work centres' draw) in the work order's carbon footprint, "
        "at your grid region's factor. Only for work you accepted (409 `not_in_hand` "
        "before); the same figure again changes nothing, a new one replaces the last.",
        request=EnergyInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: EnergyOutputSerializer, **errors(400, 404, 409, 422)},
        examples=examples.ENERGY,
    )
    def post(self, request: FactoryRequest, pk: int) -> HttpResponse:
        def report() -> HttpResponse:
            data = EnergyInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            work_order = work_order_energy_report(
                factory=request.user,
                work_order_id=pk,
                kwh=data.validated_data["kwh"],
                actor=self.actor(request),
            )
            return Response({"id": work_order.pk, "carbon": work_order.carbon})

        return self.idempotent(request, report)
