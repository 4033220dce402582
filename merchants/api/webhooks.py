"""PUT /webhook/: where the account's events go; the signing secret is shown once.
GET /webhook/events/: the account's events, to reconcile what was received."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from merchants.api.base import MerchantApi, errors
from merchants.models import WebhookEvent
from merchants.services.webhooks import webhook_endpoint_set


class MerchantEndpointInputSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=500)


class MerchantEndpointOutputSerializer(serializers.Serializer):
    url = serializers.CharField()
    secret = serializers.CharField(
        help_text="`whsec_…`: verify `webhook-signature` with any Standard Webhooks library."
    )


class MerchantEventOutputSerializer(serializers.Serializer):
    id = serializers.CharField(source="event_id")
    type = serializers.CharField()
    payload = serializers.DictField()
    created_at = serializers.DateTimeField()


class WebhookEndpointApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_webhook_set",
        description="Events (`order.accepted`, `order.shipped`, `order.delivered`, "
        "`order.cancelled`) are POSTed with the Standard Webhooks headers `webhook-id`, "
        "`webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256>`). A new "
        "secret is made each time. 400 `invalid_url` for anything but https on a public host.",
        request=MerchantEndpointInputSerializer,
        responses={200: MerchantEndpointOutputSerializer, **errors(400)},
    )
    def put(self, request: Request) -> Response:
        data = MerchantEndpointInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        endpoint = webhook_endpoint_set(
            account=self.account(request), url=data.validated_data["url"]
        )
        return Response(MerchantEndpointOutputSerializer(endpoint).data)


class WebhookEventListApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_webhook_events_list",
        responses={
            200: inline_serializer(
                "MerchantWebhookEventList", {"results": MerchantEventOutputSerializer(many=True)}
            ),
            **errors(),
        },
    )
    def get(self, request: Request) -> Response:
        key = self.key(request)
        events = WebhookEvent.objects.filter(
            account_id=key.account_id, order__sandbox=key.sandbox
        ).order_by("-pk")[:100]
        return Response({"results": MerchantEventOutputSerializer(events, many=True).data})
