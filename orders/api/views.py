"""The consumer API: a customer's own orders, by session or signed tracking token."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from c2m.errors import NotAuthenticated
from orders.api.serializers import OrderDetailOutputSerializer, OrderListItemOutputSerializer
from orders.selectors.orders import SESSION_KEY, order_visible, orders_of_customer


class ConsumerApi(APIView):
    authentication_classes = [SessionAuthentication]
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
            raise NotAuthenticated("Sign in to list your orders.")
        rows = orders_of_customer(user_id=user_id)[:100]
        return Response({"results": OrderListItemOutputSerializer(rows, many=True).data})


class OrderDetailApi(ConsumerApi):
    @extend_schema(
        parameters=[OpenApiParameter("token", str, description="signed tracking token")],
        responses=OrderDetailOutputSerializer,
    )
    def get(self, request: Request, number: str) -> Response:
        order = order_visible(
            number=number,
            user_id=self.user_id(request),
            session_numbers=request.session.get(SESSION_KEY, []),
            token=request.query_params.get("token") or request.headers.get("X-Tracking-Token"),
        )
        return Response(OrderDetailOutputSerializer(order).data)
