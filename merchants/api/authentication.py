"""Merchant API keys: ``Authorization: Bearer <key>``; the request's auth is the key."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from merchants.services.accounts import MerchantKey, merchant_key_authenticate


class MerchantKeyAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[None, MerchantKey] | None:
        scheme, _, raw = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
        if scheme != self.keyword:
            return None
        key = merchant_key_authenticate(raw=raw.strip())
        if key is None:
            raise exceptions.AuthenticationFailed("Unknown or revoked API key.")
        return None, key

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class IsMerchant(BasePermission):
    def has_permission(self, request: Request, view: object) -> bool:
        if not isinstance(request.auth, MerchantKey):
            raise exceptions.NotAuthenticated("Send 'Authorization: Bearer <your API key>'.")
        return True


class MerchantKeyScheme(OpenApiAuthenticationExtension):
    target_class = MerchantKeyAuthentication
    name = "MerchantApiKey"

    def get_security_definition(self, auto_schema: object) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A business account's API key (`c2mm_live_…`, or `c2mm_test_…` "
            "for the sandbox), issued by our operators.",
        }
