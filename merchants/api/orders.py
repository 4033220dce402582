"""Merchant orders: create (from a quote or lines), list, read, confirm, cancel, and
advance a sandbox order."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from merchants.api.base import IDEMPOTENCY_KEY, MerchantApi, errors
from merchants.api.serializers import (
    MerchantAddressSerializer,
    MerchantLineInputSerializer,
    MerchantOrderOutputSerializer,
    line_inputs,
)
from merchants.models import MerchantOrder
from merchants.services.merchant_orders import (
    merchant_order_cancel,
    merchant_order_confirm,
    merchant_order_create,
    merchant_order_get,
)
from merchants.services.progress import sandbox_order_advance
from merchants.services.quotes import MAX_LINES

PAYMENT_UNCONFIRMED = (
    "`payment_unconfirmed`: the card gateway did not answer. Nothing is charged twice: "
    "send the request again (the same `Idempotency-Key` is fine) and the same payment is "
    "resumed; within minutes the order is confirmed, or left a draft if the charge failed."
)


class MerchantPaymentInputSerializer(serializers.Serializer):
    card_number = serializers.CharField(trim_whitespace=False, max_length=30, required=False)


class MerchantOrderCreateInputSerializer(serializers.Serializer):
    reference = serializers.CharField(
        trim_whitespace=False,
        max_length=64,
        help_text="Your own reference; unique among your orders.",
    )
    quote_id = serializers.CharField(trim_whitespace=False, max_length=40, required=False)
    lines = serializers.ListField(
        child=MerchantLineInputSerializer(), min_length=1, max_length=MAX_LINES, required=False
    )
    ship_to = MerchantAddressSerializer(required=False)
    shipping_method = serializers.ChoiceField(choices=["standard", "express"], required=False)
    confirm = serializers.BooleanField(default=False)
    payment = MerchantPaymentInputSerializer(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "quote_id" in attrs:
            if "lines" in attrs or "ship_to" in attrs:
                raise serializers.ValidationError(
                    {"quote_id": ["Send a quote_id, or lines with ship_to, not both."]}
                )
        elif "lines" not in attrs or "ship_to" not in attrs:
            raise serializers.ValidationError(
                {"quote_id": ["Send a quote_id, or lines with ship_to."]}
            )
        return attrs


class MerchantConfirmInputSerializer(serializers.Serializer):
    payment = MerchantPaymentInputSerializer(required=False)


ORDER_ID = OpenApiParameter("order_id", str, OpenApiParameter.PATH)


def _out(order: MerchantOrder, status: int = 200) -> Response:
    return Response(MerchantOrderOutputSerializer(order).data, status=status)


class OrderListCreateApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_orders_list",
        parameters=[OpenApiParameter("reference", str, description="your reference")],
        responses={
            200: inline_serializer(
                "MerchantOrderList", {"results": MerchantOrderOutputSerializer(many=True)}
            ),
            **errors(),
        },
    )
    def get(self, request: Request) -> Response:
        key = self.key(request)
        orders = (
            MerchantOrder.objects.filter(account_id=key.account_id, sandbox=key.sandbox)
            .select_related("quote", "order")
            .prefetch_related("order__lines", "order__shipments")
        )
        reference = request.query_params.get("reference")
        if reference is not None:
            orders = orders.filter(reference=reference[:64].replace("\x00", ""))
        rows = list(orders[:100])
        return Response({"results": MerchantOrderOutputSerializer(rows, many=True).data})

    @extend_schema(
        operation_id="merchant_orders_create",
        description="A draft from your quote (`quote_id`) or from `lines` + `ship_to` "
        "(quoted now). Nothing is charged or made until it is confirmed: send "
        "`confirm: true` here, or POST .../confirm/ later. 409 `reference_taken` when "
        "another of your orders has this reference; 409 `artwork_pending` while an "
        "`artwork_url` of the lines is being fetched (send again with a new "
        "Idempotency-Key), 400 `artwork_fetch_failed` with the reason per line.",
        parameters=[IDEMPOTENCY_KEY],
        request=MerchantOrderCreateInputSerializer,
        responses={
            201: MerchantOrderOutputSerializer,
            **errors(400, 402, 404, 409, 422, 503, e503=PAYMENT_UNCONFIRMED),
        },
    )
    def post(self, request: Request) -> HttpResponse:
        def create() -> Response:
            data = MerchantOrderCreateInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            values = data.validated_data
            order = merchant_order_create(
                account=self.account(request),
                sandbox=self.key(request).sandbox,
                reference=values["reference"],
                quote_id=values.get("quote_id"),
                lines=line_inputs(values["lines"]) if "lines" in values else None,
                ship_to=values.get("ship_to"),
                shipping_method=values.get("shipping_method", "standard"),
                confirm=values["confirm"],
                payment=values.get("payment"),
            )
            return _out(order, 201)

        return self.idempotent(request, create, pays=True)


class OrderDetailApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_orders_retrieve",
        responses={200: MerchantOrderOutputSerializer, **errors(404)},
    )
    def get(self, request: Request, order_id: str) -> Response:
        key = self.key(request)
        return _out(
            merchant_order_get(account_id=key.account_id, sandbox=key.sandbox, public_id=order_id)
        )


class OrderConfirmApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_orders_confirm",
        description="Prices are recomputed with your price list and the promise checked; "
        "the order is charged (card terms) or invoiced (net terms; 402 "
        "`credit_limit_exceeded` beyond your credit limit) and sent to production. "
        "Confirming a confirmed order returns it.",
        parameters=[IDEMPOTENCY_KEY],
        request=MerchantConfirmInputSerializer,
        responses={
            200: MerchantOrderOutputSerializer,
            **errors(400, 402, 404, 409, 422, 503, e503=PAYMENT_UNCONFIRMED),
        },
    )
    def post(self, request: Request, order_id: str) -> HttpResponse:
        def confirm() -> Response:
            data = MerchantConfirmInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            key = self.key(request)
            order = merchant_order_get(
                account_id=key.account_id, sandbox=key.sandbox, public_id=order_id
            )
            return _out(
                merchant_order_confirm(
                    order_id=order.pk, payment=data.validated_data.get("payment")
                )
            )

        return self.idempotent(request, confirm, pays=True)


class OrderCancelApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_orders_cancel",
        description="Cancels a draft, or a confirmed order no plant has accepted yet "
        "(its payment is refunded, its invoice voided). 409 `not_cancellable` after.",
        parameters=[IDEMPOTENCY_KEY],
        request=None,
        responses={200: MerchantOrderOutputSerializer, **errors(400, 404, 409, 422)},
    )
    def post(self, request: Request, order_id: str) -> HttpResponse:
        def cancel() -> Response:
            key = self.key(request)
            order = merchant_order_get(
                account_id=key.account_id, sandbox=key.sandbox, public_id=order_id
            )
            return _out(merchant_order_cancel(order_id=order.pk, actor="merchant"))

        return self.idempotent(request, cancel)


class SandboxAdvanceApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_orders_simulate",
        description="Sandbox keys only: the next step of a confirmed order, as a plant "
        "and carrier would make it (accepted → shipped with a tracking number → "
        "delivered), with the same webhooks. 409 `not_simulated` otherwise.",
        parameters=[IDEMPOTENCY_KEY],
        request=None,
        responses={200: MerchantOrderOutputSerializer, **errors(400, 404, 409, 422)},
    )
    def post(self, request: Request, order_id: str) -> HttpResponse:
        def advance() -> Response:
            key = self.key(request)
            order = merchant_order_get(
                account_id=key.account_id, sandbox=key.sandbox, public_id=order_id
            )
            return _out(sandbox_order_advance(order_id=order.pk))

        return self.idempotent(request, advance)
