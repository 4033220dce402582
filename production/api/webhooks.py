"""Registering the optional push webhook."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response

from production.api import examples
from production.api.authentication import FactoryRequest
from production.api.base import FactoryApi, errors
from production.api.serializers import (
    WebhookCreatedSerializer,
    WebhookInputSerializer,
    WebhookSerializer,
)
from production.models import FactoryWebhook
from production.services.webhooks import webhook_register, webhook_remove

SIGNING = (
    "We POST each feed entry as JSON with headers `Webhook-Id` (event id: deduplicate by "
    "it), `Webhook-Timestamp` (Unix seconds) and `Webhook-Signature: v1=<hex>`, the "
    "HMAC-SHA256 with your secret over `{Webhook-Id}.{Webhook-Timestamp}.{raw body}`. "
    "Compare in constant time and refuse timestamps more than 5 minutes off. Non-2xx "
    "answers are retried with exponential backoff (10 s … 10 min, 8 attempts)."
)


class WebhookApi(FactoryApi):
    @extend_schema(
        operation_id="webhook_retrieve",
        summary="Your push webhook",
        description=SIGNING,
        responses={200: WebhookSerializer, **errors(404)},
        examples=examples.WEBHOOK,
    )
    def get(self, request: FactoryRequest) -> Response:
        webhook = FactoryWebhook.objects.filter(factory=request.user).first()
        if webhook is None:
            raise Http404
        return Response(WebhookSerializer(webhook).data)

    @extend_schema(
        operation_id="webhook_update",
        summary="Register or replace your push webhook",
        description=SIGNING + " Each call issues a new secret, shown only in this response.",
        request=WebhookInputSerializer,
        responses={200: WebhookCreatedSerializer, **errors(400)},
        examples=examples.WEBHOOK,
    )
    def put(self, request: FactoryRequest) -> Response:
        data = WebhookInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        webhook = webhook_register(factory_id=request.user.pk, url=data.validated_data["url"])
        return Response(WebhookCreatedSerializer(webhook).data)

    @extend_schema(
        operation_id="webhook_destroy",
        summary="Stop pushes",
        responses={204: OpenApiResponse(description="Removed."), **errors(404)},
    )
    def delete(self, request: FactoryRequest) -> Response:
        if not webhook_remove(factory_id=request.user.pk):
            raise Http404
        return Response(status=204)
