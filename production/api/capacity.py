"""The factory's capacity calendar: read it, publish it."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response

from production.api import examples
from production.api.authentication import FactoryRequest
from production.api.base import IDEMPOTENCY_KEY, FactoryApi, errors
from production.api.serializers import (
    CapacityDaySerializer,
    CapacityInputSerializer,
    CapacitySerializer,
)
from production.selectors.capacity import capacity_calendar, capacity_window
from production.services.capacity import CapacityChange, capacity_publish


# Schema only: ``CapacityInputSerializer`` with its list bounds stated (1–2000 days), which
# drf-spectacular leaves out for a list of serializers. (No docstring: it would be published.)
@extend_schema_serializer(component_name="CapacityInput")
class CapacityInputSchema(serializers.Serializer):
    days = serializers.ListField(child=CapacityDaySerializer(), min_length=1, max_length=2000)


class CapacityApi(FactoryApi):
    def calendar(self, request: FactoryRequest) -> Response:
        first, last = capacity_window()
        days = capacity_calendar(factory=request.user)
        return Response(
            CapacitySerializer({"first_day": first, "last_day": last, "days": days}).data
        )

    @extend_schema(
        operation_id="capacity_retrieve",
        summary="Your capacity calendar",
        description="Minutes available and reserved per work-centre type for the next 60 "
        "days; days you never published show the work centre's default.",
        responses={200: CapacitySerializer, **errors()},
        examples=examples.CAPACITY,
    )
    def get(self, request: FactoryRequest) -> Response:
        return self.calendar(request)

    @extend_schema(
        operation_id="capacity_update",
        summary="Publish capacity",
        description="Sets `available_minutes` (and `note`) of the listed days, all or "
        "nothing. `reserved_minutes` is ours: a day may not offer fewer minutes than are "
        "reserved (409 `below_reserved`). Days must lie in the 60-day window (400).",
        request=CapacityInputSchema,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: CapacitySerializer, **errors(400, 409, 422)},
        examples=examples.CAPACITY,
    )
    def put(self, request: FactoryRequest) -> HttpResponse:
        def publish() -> Response:
            data = CapacityInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            capacity_publish(
                factory=request.user,
                changes=[
                    CapacityChange(
                        centre_type=d["centre_type"],
                        day=d["day"],
                        available_minutes=d["available_minutes"],
                        note=d.get("note"),
                    )
                    for d in data.validated_data["days"]
                ],
            )
            return self.calendar(request)

        return self.idempotent(request, publish)
