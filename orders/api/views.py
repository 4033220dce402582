"""The consumer API: a customer's own orders (session or API token), or one order by its
signed tracking token; and the payment providers' notifications."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from c2m.errors import NotAuthenticated, NotFound
from c2m.sign_in_guard import TooManyAttempts, client_ip, order_lookup_guard
from orders.api.authentication import CustomerTokenAuthentication
from orders.api.serializers import OrderDetailOutputSerializer, OrderListItemOutputSerializer
from orders.selectors.orders import SESSION_KEY, order_visible, orders_of_customer
from orders.selectors.timeline import order_timeline
from orders.services.payments.notifications import payment_notification_handle


class ConsumerApi(APIView):
    authentication_classes = [CustomerTokenAuthentication, SessionAuthentication]
    permission_classes: list = []

    def user_id(self, request: Request) -> int | None:
        user = request.user
        return user.pk if user is not None and user.is_authenticated else None


class OrderListApi(ConsumerApi):
    @extend_schema(
        operation_id="orders_list",
        responses=inline_serializer(
            "OrderList", {"results": OrderListItemOutputSerializer(many=True)}
        ),
    )
    def get(self, request: Request) -> Response:
        user_id = self.user_id(request)
        if user_id is None:
            raise NotAuthenticated("Sign in or send your API token to list your orders.")
        rows = orders_of_customer(user_id=user_id)[:100]
        return Response({"results": OrderListItemOutputSerializer(rows, many=True).data})


class OrderDetailApi(ConsumerApi):
    @extend_schema(
        parameters=[OpenApiParameter("token", str, description="signed tracking token")],
        responses={
            200: OrderDetailOutputSerializer,
            429: OpenApiResponse(
                description="Too many failed lookups from your address: wait `Retry-After` s."
            ),
        },
    )
    def get(self, request: Request, number: str) -> Response:
        try:
            with order_lookup_guard(ip=client_ip(request), failure=NotFound):
                order = order_visible(
                    number=number,
                    user_id=self.user_id(request),
                    session_numbers=request.session.get(SESSION_KEY, []),
                    token=request.query_params.get("token")
                    or request.headers.get("X-Tracking-Token"),
                )
        except TooManyAttempts as refusal:  # 429 with Retry-After, as DRF throttles answer
            raise exceptions.Throttled(wait=refusal.retry_after, detail=refusal.detail) from None
        order.timeline = order_timeline(order=order)
        return Response(OrderDetailOutputSerializer(order).data)


class PaymentWebhookApi(APIView):
    """A provider's signed notification; replays of an event id are acknowledged only."""

    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(
        operation_id="payments_webhook",
        request=OpenApiTypes.OBJECT,
        responses=inline_serializer(
            "WebhookReceipt",
            {"received": serializers.BooleanField(), "duplicate": serializers.BooleanField()},
        ),
    )
    def post(self, request: Request, provider: str) -> Response:
        _, created = payment_notification_handle(
            provider=provider, headers=request.headers, body=request.body
        )
        return Response({"received": True, "duplicate": not created})
