"""The capacity exchange on the factory API: publish and withdraw idle-capacity offers,
see who booked them, confirm or decline each booking."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from c2m.api import PriceInputField
from c2m.errors import NotFound
from production.api.authentication import FactoryRequest
from production.api.base import IDEMPOTENCY_KEY, FactoryApi, errors
from production.models import CapacityBooking, CapacityBookingStatus, CapacityOffer
from production.services.exchange_bookings import capacity_booking_decide
from production.services.exchange_offers import capacity_offer_publish, capacity_offer_withdraw

MAX_MINUTES = 1_000_000


class OfferInputSerializer(serializers.Serializer):
    centre_type = serializers.SlugField(max_length=40)
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    minutes = serializers.IntegerField(min_value=1, max_value=MAX_MINUTES)
    minimum_minutes = serializers.IntegerField(min_value=1, max_value=MAX_MINUTES, default=1)
    price_per_minute = PriceInputField(help_text="In your payout currency; above 0.")


class OfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    centre_type = serializers.CharField()
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    minutes = serializers.IntegerField()
    booked_minutes = serializers.IntegerField(help_text="Held by pending and confirmed bookings.")
    minimum_minutes = serializers.IntegerField()
    price_per_minute = serializers.DecimalField(max_digits=8, decimal_places=2)
    currency = serializers.CharField()
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class OfferPageSerializer(serializers.Serializer):
    results = OfferSerializer(many=True)


class BookingSerializer(serializers.Serializer):
    number = serializers.CharField()
    offer_id = serializers.IntegerField()
    business = serializers.CharField(source="buyer_name")
    centre_type = serializers.CharField()
    day = serializers.DateField(help_text="The first day (the only one of a one-day booking).")
    last_day = serializers.DateField()
    days = serializers.IntegerField()
    minutes = serializers.IntegerField(help_text="Minutes held on each day.")
    total_minutes = serializers.IntegerField()
    price_per_minute = serializers.DecimalField(max_digits=8, decimal_places=2)
    cost = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="The business pays, for all the days."
    )
    platform_margin = serializers.DecimalField(max_digits=12, decimal_places=2)
    earnings = serializers.DecimalField(
        source="plant_earnings",
        max_digits=12,
        decimal_places=2,
        help_text="Yours: booked to your statement when you confirm.",
    )
    currency = serializers.CharField()
    status = serializers.ChoiceField(choices=CapacityBookingStatus.choices)
    note = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class BookingPageSerializer(serializers.Serializer):
    results = BookingSerializer(many=True)


class DeclineBookingInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


def _offers(request: FactoryRequest):
    return CapacityOffer.objects.filter(factory_id=request.auth.factory_id)


def _bookings(request: FactoryRequest):
    return CapacityBooking.objects.filter(factory_id=request.auth.factory_id)


def _number(raw: str) -> str:
    return str(raw)[:20].replace("\x00", "")


class OfferListCreateApi(FactoryApi):
    @extend_schema(
        operation_id="exchange_offers_list",
        summary="Your capacity-exchange offers",
        responses={200: OfferPageSerializer, **errors()},
    )
    def get(self, request: FactoryRequest) -> Response:
        offers = _offers(request).order_by("-created_at", "-pk")[:500]
        return Response({"results": OfferSerializer(offers, many=True).data})

    @extend_schema(
        operation_id="exchange_offers_create",
        summary="Offer idle capacity",
        description="Publishes `minutes` of one work-centre type between two days of your "
        "60-day calendar at `price_per_minute`; businesses book minutes of one day, or the "
        "same minutes on each day of a span, at least `minimum_minutes` a day, never more "
        "than your calendar has free on any of them. Your webhook gets "
        "`capacity_booking.created` and `capacity_booking.cancelled`. 400 "
        "`invalid_offer` names each bad field.",
        request=OfferInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: OfferSerializer, **errors(400, 422)},
    )
    def post(self, request: FactoryRequest) -> HttpResponse:
        def publish() -> Response:
            data = OfferInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            offer = capacity_offer_publish(factory=request.user, **data.validated_data)
            return Response(OfferSerializer(offer).data, status=201)

        return self.idempotent(request, publish)


class OfferWithdrawApi(FactoryApi):
    @extend_schema(
        operation_id="exchange_offers_withdraw",
        summary="Withdraw an offer",
        description="Nothing more can be booked from it; bookings already made stay for "
        "you to confirm or decline. Withdrawing twice changes nothing.",
        request=None,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: OfferSerializer, **errors(400, 404, 422)},
    )
    def post(self, request: FactoryRequest, pk: int) -> HttpResponse:
        def withdraw() -> Response:
            offer = capacity_offer_withdraw(offer_id=pk, factory_id=request.auth.factory_id)
            return Response(OfferSerializer(offer).data)

        return self.idempotent(request, withdraw)


class BookingListApi(FactoryApi):
    @extend_schema(
        operation_id="exchange_bookings_list",
        summary="Bookings of your capacity",
        description="Newest first: what each business booked, what it pays, your earnings "
        "and the status. Pending bookings hold their minutes on your calendar until you "
        "answer.",
        responses={200: BookingPageSerializer, **errors()},
    )
    def get(self, request: FactoryRequest) -> Response:
        bookings = _bookings(request)[:500]
        return Response({"results": BookingSerializer(bookings, many=True).data})


class BookingDetailApi(FactoryApi):
    @extend_schema(
        operation_id="exchange_bookings_retrieve",
        summary="One booking of your capacity",
        responses={200: BookingSerializer, **errors(404)},
    )
    def get(self, request: FactoryRequest, number: str) -> Response:
        booking = _bookings(request).filter(number=_number(number)).first()
        if booking is None:
            raise NotFound("No such booking.", code="booking_not_found")
        return Response(BookingSerializer(booking).data)


class BookingConfirmApi(FactoryApi):
    @extend_schema(
        operation_id="exchange_bookings_confirm",
        summary="Confirm a booking",
        description="The minutes of every day of the booking are the business's; your "
        "earnings go to your statement (kind `booking`, one entry for the whole booking). "
        "Only a pending booking (409 `invalid_transition` otherwise).",
        request=None,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: BookingSerializer, **errors(400, 404, 409, 422)},
    )
    def post(self, request: FactoryRequest, number: str) -> HttpResponse:
        return _decide(self, request, number, confirm=True)


class BookingDeclineApi(FactoryApi):
    @extend_schema(
        operation_id="exchange_bookings_decline",
        summary="Decline a booking",
        description="The minutes of every day of the booking are free again on your "
        "calendar and the offer. Only a pending booking (409 `invalid_transition` otherwise).",
        request=DeclineBookingInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={200: BookingSerializer, **errors(400, 404, 409, 422)},
    )
    def post(self, request: FactoryRequest, number: str) -> HttpResponse:
        return _decide(self, request, number, confirm=False)


def _decide(
    api: FactoryApi, request: FactoryRequest, number: str, *, confirm: bool
) -> HttpResponse:
    """Confirm or decline one of the plant's bookings, once per ``Idempotency-Key``."""

    def decide() -> Response:
        reason = ""
        if not confirm:
            data = DeclineBookingInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            reason = data.validated_data["reason"]
        booking = capacity_booking_decide(
            factory_id=request.auth.factory_id,
            number=_number(number),
            confirm=confirm,
            actor=api.actor(request),
            reason=reason,
        )
        return Response(BookingSerializer(booking).data)

    return api.idempotent(request, decide)
