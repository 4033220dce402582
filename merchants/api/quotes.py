"""POST /quotes/ and GET /quotes/{id}/."""

from __future__ import annotations

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from c2m.errors import NotFound
from merchants.api.base import IDEMPOTENCY_KEY, MerchantApi, errors
from merchants.api.serializers import (
    MerchantQuoteInputSerializer,
    MerchantQuoteOutputSerializer,
    line_inputs,
    quote_output,
)
from merchants.models import MerchantQuote
from merchants.services.quotes import quote_create


class QuoteCreateApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_quotes_create",
        description="Prices each line with your price list, and dates every shipping "
        "method to the address with the live promise engine (`promised_date` null: no "
        "plant can make and deliver it with that method). 400 `invalid_lines` names each "
        'problem as `errors["lines[<i>].sku"]` or `errors["lines[<i>].options.<option>"]`. '
        "An artwork given by `artwork_url` is fetched by us first: 409 `artwork_pending` "
        "until it is (send again with a new Idempotency-Key), 400 `artwork_fetch_failed` "
        "with the reason per line when it cannot be.",
        parameters=[IDEMPOTENCY_KEY],
        request=MerchantQuoteInputSerializer,
        responses={201: MerchantQuoteOutputSerializer, **errors(400, 409, 422)},
    )
    def post(self, request: Request) -> HttpResponse:
        def create() -> Response:
            data = MerchantQuoteInputSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            quote = quote_create(
                account=self.account(request),
                sandbox=self.key(request).sandbox,
                lines=line_inputs(data.validated_data["lines"]),
                ship_to=data.validated_data["ship_to"],
                shipping_method=data.validated_data["shipping_method"],
            )
            return Response(quote_output(quote), status=201)

        return self.idempotent(request, create)


class QuoteDetailApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_quotes_retrieve",
        responses={200: MerchantQuoteOutputSerializer, **errors(404)},
    )
    def get(self, request: Request, quote_id: str) -> Response:
        key = self.key(request)
        quote = MerchantQuote.objects.filter(
            account_id=key.account_id,
            sandbox=key.sandbox,
            public_id=str(quote_id)[:40].replace("\x00", ""),
        ).first()
        if quote is None:
            raise NotFound("No such quote.", code="quote_not_found")
        return Response(quote_output(quote))
