"""Per-customer API tokens: ``Authorization: Token <key>``."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from orders.models import CustomerApiToken
from orders.services.api_tokens import customer_token_hash


class CustomerTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request: Request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace") != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Send 'Authorization: Token <key>'.")
        key = header[1].decode(errors="replace")
        token = (
            CustomerApiToken.objects.select_related("customer")
            .filter(key_hash=customer_token_hash(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.customer.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        CustomerApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.customer, token

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class CustomerTokenScheme(OpenApiAuthenticationExtension):
    target_class = CustomerTokenAuthentication
    name = "CustomerToken"

    def get_security_definition(self, auto_schema: object) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <key>`, created on your account page.",
        }
