"""A plant's counter-offer: other terms instead of accepting or declining."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from production.api.authentication import FactoryRequest
from production.api.base import IDEMPOTENCY_KEY, IF_MATCH, FactoryApi, errors
from production.api.serializers import PayoutSerializer
from production.services.counter_offers import work_order_counter_offer


class CounterOfferInputSerializer(serializers.Serializer):
    payout_amount = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text="What you would make it for: at least the offered `payout.amount`.",
    )
    delivery_date = serializers.DateField(
        required=False, help_text="When you could deliver: not before the offered plan."
    )
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class CounterOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text='Always "pending": back to routing.')
    payout = PayoutSerializer()
    delivery_date = serializers.DateField()


EXAMPLES = [
    OpenApiExample("A higher payout", value={"payout_amount": "96.00"}, request_only=True),
    OpenApiExample(
        "Two days later",
        value={"delivery_date": "2025-06-19", "note": "laser booked until Tuesday"},
        request_only=True,
    ),
    OpenApiExample(
        "Countered",
        value={
            "id": 1042,
            "status": "pending",
            "payout": {"amount": "96.00", "currency": "CNY"},
            "delivery_date": "2025-06-17",
        },
        response_only=True,
    ),
]


class WorkOrderCounterOfferApi(FactoryApi):
    @extend_schema(
        summary="Counter an offer",
        description="Answer an offer with a higher payout, a later delivery date, or both, "
        "within the limits our operators set for your plant (409 `counter_not_allowed` "
        "when they set none; 422 `counter_out_of_limits` names them: `max_payout`, "
        "`latest_delivery_date`). The work order goes back to routing with you as a "
        "candidate at your terms, weighed against every other plant: if you are still the "
        "best choice it is offered to you again at your payout and date, otherwise it goes "
        "elsewhere (and is gone from your list). One counter per work order.",
        request=CounterOfferInputSerializer,
        parameters=[IDEMPOTENCY_KEY, IF_MATCH],
        responses={200: CounterOfferSerializer, **errors(400, 404, 409, 412, 422)},
        examples=EXAMPLES,
    )
    def post(self, request: FactoryRequest, pk: int) -> HttpResponse:
        def counter() -> Response:
            data = CounterOfferInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            made = work_order_counter_offer(
                factory=request.user,
                work_order_id=pk,
                actor=self.actor(request),
                expected_version=self.expected_version(request),
                **data.validated_data,
            )
            return Response(
                CounterOfferSerializer(
                    {
                        "id": pk,
                        "status": "pending",
                        "payout": {"amount": made.payout_amount, "currency": made.currency},
                        "delivery_date": made.delivery_date,
                    }
                ).data
            )

        return self.idempotent(request, counter)
