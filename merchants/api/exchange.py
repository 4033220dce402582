"""The capacity exchange for businesses: search plants' idle capacity, book minutes,
follow and cancel your bookings. Production answers through ``orders.ports``."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from c2m.api import PriceInputField, parse_query
from c2m.errors import PermissionDenied
from merchants.api.base import IDEMPOTENCY_KEY, MerchantApi, errors
from orders.ports import ExchangeBooking, ExchangeSearch, capacity_exchange

BOOKING_STATUSES = ["pending", "confirmed", "declined", "cancelled"]


class OfferSearchQuerySerializer(serializers.Serializer):
    centre_type = serializers.SlugField(max_length=40, required=False)
    capability = serializers.SlugField(max_length=40, required=False)
    province = serializers.CharField(max_length=40, required=False)
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False)
    longitude = serializers.FloatField(min_value=-180, max_value=180, required=False)
    within_km = serializers.FloatField(min_value=0, max_value=20000, required=False)
    day = serializers.DateField(required=False)
    max_price_per_minute = PriceInputField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        point = {"latitude", "longitude"} & attrs.keys()
        if len(point) == 1 or ("within_km" in attrs and not point):
            raise serializers.ValidationError(
                {"within_km": ["Send latitude and longitude together (with within_km)."]}
            )
        return attrs


class ExchangeOfferSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    plant = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField()
    capabilities = serializers.ListField(child=serializers.CharField())
    centre_type = serializers.CharField()
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    free_minutes = serializers.IntegerField()
    minimum_minutes = serializers.IntegerField()
    price_per_minute = serializers.DecimalField(max_digits=8, decimal_places=2)
    currency = serializers.CharField()
    distance_km = serializers.FloatField(allow_null=True)


class ExchangeOfferPageSerializer(serializers.Serializer):
    results = ExchangeOfferSerializer(many=True)


class BookingInputSerializer(serializers.Serializer):
    offer_id = serializers.IntegerField(min_value=1, max_value=2**62)
    day = serializers.DateField(required=False, help_text="One day: the single-day booking.")
    first_day = serializers.DateField(
        required=False, help_text="A span's first day (instead of `day`)."
    )
    last_day = serializers.DateField(
        required=False, help_text="A span's last day (with `first_day`; that day by default)."
    )
    minutes = serializers.IntegerField(
        min_value=1, max_value=1_000_000, help_text="Minutes on each day."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if ("day" in attrs) == ("first_day" in attrs):
            raise serializers.ValidationError(
                {"day": ["Send day, or first_day (and last_day) for a span: one of them."]}
            )
        if "day" in attrs and "last_day" in attrs:
            raise serializers.ValidationError(
                {"last_day": ["A span starts with first_day, not day."]}
            )
        first = attrs.pop("first_day", None) or attrs["day"]
        last = attrs.get("last_day") or first
        if last < first:
            raise serializers.ValidationError({"last_day": ["Must be on or after first_day."]})
        return {**attrs, "day": first, "last_day": last}


class ExchangeBookingSerializer(serializers.Serializer):
    number = serializers.CharField()
    offer_id = serializers.IntegerField()
    plant = serializers.CharField()
    centre_type = serializers.CharField()
    day = serializers.DateField(help_text="The first day (the only one of a one-day booking).")
    first_day = serializers.DateField(source="day")
    last_day = serializers.DateField()
    days = serializers.IntegerField(help_text="Days the booking covers, first to last.")
    minutes = serializers.IntegerField(help_text="Minutes held on each day.")
    total_minutes = serializers.IntegerField()
    price_per_minute = serializers.DecimalField(max_digits=8, decimal_places=2)
    cost = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text="For every day of the booking together."
    )
    currency = serializers.CharField()
    status = serializers.ChoiceField(
        choices=BOOKING_STATUSES,
        help_text="pending: the plant has not answered (the minutes are held for you); "
        "confirmed: yours and invoiced; declined by the plant; cancelled by you.",
    )
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class ExchangeBookingPageSerializer(serializers.Serializer):
    results = ExchangeBookingSerializer(many=True)


NUMBER = OpenApiParameter("number", str, OpenApiParameter.PATH)


def _number(raw: str) -> str:
    return str(raw)[:20].replace("\x00", "")


def _view(booking: ExchangeBooking) -> dict[str, Any]:
    return {**asdict(booking), "total_minutes": booking.minutes * booking.days}


def _out(booking: ExchangeBooking, status: int = 200) -> Response:
    return Response(ExchangeBookingSerializer(_view(booking)).data, status=status)


class OfferSearchApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_exchange_offers_list",
        description="Plants' idle capacity you can book, cheapest first: by work-centre "
        "type, plant capability, province (e.g. `Guangdong` or `广东`), distance from a "
        "point (`latitude`, `longitude`, `within_km`), a day the offer covers, and the "
        "highest price per minute.",
        parameters=[OfferSearchQuerySerializer],
        responses={200: ExchangeOfferPageSerializer, **errors(400)},
    )
    def get(self, request: Request) -> Response:
        data = parse_query(OfferSearchQuerySerializer, request)
        near = (data["latitude"], data["longitude"]) if "latitude" in data else None
        offers = capacity_exchange().offers_search(
            ExchangeSearch(
                centre_type=data.get("centre_type"),
                capability=data.get("capability"),
                province=data.get("province"),
                near=near,
                within_km=data.get("within_km"),
                day=data.get("day"),
                max_price_per_minute=data.get("max_price_per_minute"),
            )
        )
        page = [asdict(o) for o in offers]
        return Response({"results": ExchangeOfferSerializer(page, many=True).data})


class BookingListCreateApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_exchange_bookings_list",
        description="Your bookings, newest first.",
        responses={200: ExchangeBookingPageSerializer, **errors()},
    )
    def get(self, request: Request) -> Response:
        bookings = capacity_exchange().bookings(account_id=self.key(request).account_id)
        return Response(
            {"results": ExchangeBookingSerializer([_view(b) for b in bookings], many=True).data}
        )

    @extend_schema(
        operation_id="merchant_exchange_bookings_create",
        description="Books `minutes` of an offer on one `day`, or on every day from "
        "`first_day` to `last_day` (a span, under one number), held on the plant's calendar "
        "at once: every day of a span or none. The plant then confirms (and you are "
        "invoiced `cost`, the sum over the days) or declines the whole booking. 400 "
        "`invalid_booking`: a day outside the offer, a span of more than 60 days or fewer "
        "minutes than its minimum; 404 `offer_not_found`; 409 `offer_unavailable` "
        "(withdrawn, or not that many minutes left) or `capacity_taken` (the plant's "
        "calendar lacks the minutes on the day named in `day`); 403 `live_key_required` "
        "with a sandbox key. Once decided, the account's webhook gets `booking.confirmed` "
        "or `booking.declined`.",
        request=BookingInputSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: ExchangeBookingSerializer, **errors(400, 403, 404, 409, 422)},
    )
    def post(self, request: Request) -> HttpResponse:
        def book() -> Response:
            data = BookingInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            if self.key(request).sandbox:
                raise PermissionDenied(
                    "Capacity is booked with a live key: a sandbox key cannot hold a "
                    "plant's minutes.",
                    code="live_key_required",
                )
            account = self.account(request)
            booking = capacity_exchange().booking_create(
                account_id=account.pk, account_name=account.name, **data.validated_data
            )
            return _out(booking, status=201)

        return self.idempotent(request, book)


class BookingDetailApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_exchange_bookings_retrieve",
        parameters=[NUMBER],
        responses={200: ExchangeBookingSerializer, **errors(404)},
    )
    def get(self, request: Request, number: str) -> Response:
        booking = capacity_exchange().booking(
            account_id=self.key(request).account_id, number=_number(number)
        )
        return _out(booking)


class BookingCancelApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_exchange_bookings_cancel",
        description="Cancels a booking the plant has not confirmed yet; the minutes are "
        "free again. A confirmed booking is invoiced and stays (409 `invalid_transition`).",
        request=None,
        parameters=[NUMBER, IDEMPOTENCY_KEY],
        responses={200: ExchangeBookingSerializer, **errors(400, 404, 409, 422)},
    )
    def post(self, request: Request, number: str) -> HttpResponse:
        def cancel() -> Response:
            booking = capacity_exchange().booking_cancel(
                account_id=self.key(request).account_id, number=_number(number)
            )
            return _out(booking)

        return self.idempotent(request, cancel)
