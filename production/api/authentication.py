from __future__ import annotations

from typing import cast

from django.utils.functional import SimpleLazyObject
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from production.models import Factory
from production.services.api_keys import LiveKey, api_key_authenticate


class FactoryRequest(Request):
    """A factory-API request once ``FactoryApiKeyAuthentication`` and ``IsFactory`` let it
    in: its user is the key's factory and its auth the key."""

    user: Factory  # type: ignore[assignment]  # DRF types it as a Django user
    auth: LiveKey


class FactoryApiKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Api-Key <key>``; the request's user is the key's factory, read
    from the database only when a view uses it (as Django's ``request.user``): a poll needs
    only ``request.auth.factory_id``."""

    keyword = "Api-Key"

    def authenticate(self, request: Request) -> tuple[Factory, LiveKey] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, raw = header.partition(" ")
        if scheme != self.keyword:
            return None
        key = api_key_authenticate(raw=raw.strip())
        if key is None:
            raise exceptions.AuthenticationFailed("Unknown, revoked or expired API key.")
        # A lazy factory stands in for the model: DRF and the views only read attributes.
        factory = SimpleLazyObject(lambda: Factory.objects.get(pk=key.factory_id))
        return cast(Factory, factory), key

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class IsFactory(BasePermission):
    def has_permission(self, request: Request, view: object) -> bool:
        return isinstance(request.auth, LiveKey)


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
