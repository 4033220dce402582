"""The consumer API: a customer's own orders (session or API token), or one order by its
signed tracking token; and the payment providers' notifications."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from c2m.api import error_responses
from c2m.errors import NotAuthenticated, NotFound
from c2m.request_rates import client_rate_throttle
from c2m.sign_in_guard import TooManyAttempts, client_ip, order_lookup_guard
from orders.api.authentication import CustomerTokenAuthentication
from orders.api.serializers import OrderDetailOutputSerializer, OrderListItemOutputSerializer
from orders.models import Order
from orders.selectors.catalog import line_products_load
from orders.selectors.orders import SESSION_KEY, order_visible, orders_of_customer
from orders.selectors.timeline import order_timeline
from orders.services.payment_notifications import payment_notification_handle


class ConsumerApi(APIView):
    authentication_classes = [CustomerTokenAuthentication, SessionAuthentication]
    permission_classes: list = []
    throttle_classes: list = [client_rate_throttle("consumer-api")]

    def user_id(self, request: Request) -> int | None:
        user = request.user
        return user.pk if user is not None and user.is_authenticated else None

    def order(self, request: Request, number: str) -> Order:
        """The order this caller may see (its customer, this session, or the tracking
        token), else 404; 429 after too many failed lookups."""
        try:
            with order_lookup_guard(ip=client_ip(request), failure=NotFound):
                return order_visible(
                    number=number,
                    user_id=self.user_id(request),
                    session_numbers=request.session.get(SESSION_KEY, []),
                    token=request.query_params.get("token")
                    or request.headers.get("X-Tracking-Token"),
                )
        except TooManyAttempts as refusal:  # 429 with Retry-After, as DRF throttles answer
            raise exceptions.Throttled(wait=refusal.retry_after, detail=refusal.detail) from None


class OrderListApi(ConsumerApi):
    @extend_schema(
        operation_id="orders_list",
        responses={
            200: inline_serializer(
                "OrderList", {"results": OrderListItemOutputSerializer(many=True)}
            ),
            **error_responses(401, 429),
        },
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
        responses={200: OrderDetailOutputSerializer, **error_responses(401, 404, 429)},
    )
    def get(self, request: Request, number: str) -> Response:
        order = self.order(request, number)
        # Read by OrderDetailOutputSerializer's timeline field.
        order.timeline = order_timeline(order=order)  # type: ignore[attr-defined]
        line_products_load(order.lines.all())
        return Response(OrderDetailOutputSerializer(order).data)


WEBHOOK_HEADERS = [
    OpenApiParameter(
        "C2M-Webhook-Id",
        {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[!-~]+$"},
        OpenApiParameter.HEADER,
        required=True,
        description="The event's unique id (≤ 100 printable ASCII characters).",
    ),
    OpenApiParameter(
        "C2M-Webhook-Timestamp",
        {"type": "string", "pattern": "^[0-9]{1,12}$"},
        OpenApiParameter.HEADER,
        required=True,
        description="Unix seconds when the provider signed the event.",
    ),
    OpenApiParameter(
        "C2M-Webhook-Signature",
        {"type": "string", "pattern": "^v1=[0-9a-f]{64}$"},
        OpenApiParameter.HEADER,
        required=True,
        description="`v1=` + hex HMAC-SHA256 over `{id}.{timestamp}.{raw body}`.",
    ),
]


# Schema only (the provider's ``handle_webhook`` reads the body).
class WebhookNotificationSerializer(serializers.Serializer):
    type = serializers.CharField(max_length=60, help_text="e.g. `payment.captured`")
    reference = serializers.CharField(max_length=80, help_text="The payment's reference.")
    amount = serializers.RegexField(
        r"^-?[0-9]{1,14}(\.[0-9]{1,4})?$",
        required=False,
        help_text="Decimal string, e.g. `270.00`; must equal the payment on capture.",
    )
    currency = serializers.RegexField(
        r"^[A-Za-z]{3}$",
        required=False,
        help_text="ISO 4217 code, e.g. `CNY`; required with the amount on capture.",
    )


class PaymentWebhookApi(APIView):
    """A provider's signed notification; replays of an event id are acknowledged only."""

    authentication_classes: list = []
    permission_classes: list = []
    throttle_classes = [client_rate_throttle("payment-webhook")]

    @extend_schema(
        operation_id="payments_webhook",
        description=(
            "Signed with the provider's secret: `C2M-Webhook-Signature` is `v1=` and the hex "
            "HMAC-SHA256 over `{C2M-Webhook-Id}.{C2M-Webhook-Timestamp}.{raw body}`; "
            "timestamps more than 5 minutes off are refused. An event id already received "
            "is acknowledged with `duplicate: true` and changes nothing."
        ),
        parameters=WEBHOOK_HEADERS,
        request=WebhookNotificationSerializer,
        responses={
            200: inline_serializer(
                "WebhookReceipt",
                {"received": serializers.BooleanField(), "duplicate": serializers.BooleanField()},
            ),
            **error_responses(
                400,
                404,
                413,
                422,
                429,
                e400="Missing, forged or stale signature (`invalid_signature`), or a body "
                "that is not a valid notification (`malformed_request`, `invalid`).",
                e404="No such payment provider.",
                e422="The notification contradicts the payment (`amount_mismatch`).",
            ),
        },
    )
    def post(self, request: Request, provider: str) -> Response:
        _, created = payment_notification_handle(
            provider=provider, headers=request.headers, body=request.body
        )
        return Response({"received": True, "duplicate": not created})
