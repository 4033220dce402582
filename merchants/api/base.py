"""What every merchant-API view shares: key auth, the account, Idempotency-Key."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from c2m.api import ERROR_TEXTS, ErrorSerializer
from c2m.errors import ApplicationError
from merchants.api.authentication import IsMerchant, MerchantKeyAuthentication
from merchants.models import BusinessAccount
from merchants.services.accounts import MerchantKey
from merchants.services.idempotency import (
    idempotency_key_check,
    idempotent_call,
    idempotent_call_unlocked,
    request_fingerprint,
)

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
    OpenApiParameter.HEADER,
    required=True,
    description=(
        "Required on every POST: a unique string (1–255 printable ASCII characters), e.g. a "
        "UUID, per intended action. The same key and body again returns the first response "
        "(header `Idempotent-Replayed: true`); the same key with another body answers 422. "
        "Keys are kept for at least 24 hours."
    ),
)


def errors(*statuses: int, **texts: str) -> dict[int, OpenApiResponse]:
    return {
        s: OpenApiResponse(ErrorSerializer, description=texts.get(f"e{s}", ERROR_TEXTS.get(s, "")))
        for s in (401, *statuses)
    }


class MerchantApi(APIView):
    authentication_classes = [MerchantKeyAuthentication]
    permission_classes = [IsMerchant]

    def key(self, request: Request) -> MerchantKey:
        assert isinstance(request.auth, MerchantKey)
        return request.auth

    def account(self, request: Request) -> BusinessAccount:
        return BusinessAccount.objects.get(pk=self.key(request).account_id)

    def idempotent(
        self,
        request: Request,
        action: Callable[[], Response],
        *,
        pays: bool = False,
        body: bytes | None = None,
    ) -> HttpResponse:
        """Run a POST once per ``Idempotency-Key``; refusals are stored like successes.

        A POST that ``pays`` runs with no transaction open (the payment provider is never
        called under a lock) and a 5xx answer is not stored. ``body`` stands for the
        request body in the fingerprint (a multipart upload gives its fields and file,
        which stay the same while the form boundary does not)."""
        key = idempotency_key_check(request.headers.get("Idempotency-Key"))
        merchant = self.key(request)
        fingerprint = request_fingerprint(
            method=request.method or "",
            path=request.path,
            body=request.body if body is None else body,
            sandbox=merchant.sandbox,
        )

        def run() -> tuple[int, str, dict[str, str]]:
            try:
                response = action()
            except (ApplicationError, exceptions.APIException, Http404) as exc:
                response = self.handle_exception(exc)
            body = JSONRenderer().render(response.data).decode()
            return response.status_code, body, {}

        call = idempotent_call_unlocked if pays else idempotent_call
        stored = call(account_id=merchant.account_id, key=key, fingerprint=fingerprint, action=run)
        response = HttpResponse(stored.body, status=stored.status, content_type="application/json")
        if stored.replayed:
            response["Idempotent-Replayed"] = "true"
        return response
