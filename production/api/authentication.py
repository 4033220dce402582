from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from production.models import Factory, FactoryApiKey
from production.services.api_keys import api_key_authenticate


class FactoryRequest(Request):
    """A factory-API request once ``FactoryApiKeyAuthentication`` and ``IsFactory`` let it
    in: its user is the key's factory and its auth the key."""

    user: Factory  # type: ignore[assignment]  # DRF types it as a Django user
    auth: FactoryApiKey


class FactoryApiKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Api-Key <key>``; the request's user is the key's factory."""

    keyword = "Api-Key"

    def authenticate(self, request: Request) -> tuple[Factory, FactoryApiKey] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, raw = header.partition(" ")
        if scheme != self.keyword:
            return None
        key = api_key_authenticate(raw=raw.strip())
        if key is None:
            raise exceptions.AuthenticationFailed("Unknown, revoked or expired API key.")
        return key.factory, key

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class IsFactory(BasePermission):
    def has_permission(self, request: Request, view: object) -> bool:
        return isinstance(request.auth, FactoryApiKey)


class FactoryApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = FactoryApiKeyAuthentication
    name = "FactoryApiKey"

    def get_security_definition(self, auto_schema: object) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>`, as issued to your factory in the admin.",
        }
