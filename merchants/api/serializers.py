"""Input and output shapes shared by the quote and order endpoints of the merchant API."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from merchants.models import MerchantOrder, MerchantQuote
from merchants.selectors.parcels import merchant_order_items, merchant_order_parcels
from merchants.services.quotes import MAX_LINES, LineInput


class MerchantAddressSerializer(serializers.Serializer):
    name = serializers.CharField(trim_whitespace=False, max_length=200)
    line1 = serializers.CharField(trim_whitespace=False, max_length=200)
    line2 = serializers.CharField(
        trim_whitespace=False, max_length=200, required=False, allow_blank=True
    )
    city = serializers.CharField(trim_whitespace=False, max_length=200)
    region = serializers.CharField(
        trim_whitespace=False, max_length=200, required=False, allow_blank=True
    )
    postal_code = serializers.CharField(trim_whitespace=False, max_length=200)
    country = serializers.CharField(
        trim_whitespace=False, max_length=2, min_length=2, help_text="ISO 3166 code"
    )
    phone = serializers.CharField(
        trim_whitespace=False, max_length=200, required=False, allow_blank=True
    )


class MerchantLineInputSerializer(serializers.Serializer):
    sku = serializers.CharField(trim_whitespace=False, max_length=64)
    options = serializers.DictField(
        help_text="Option code → value, as the catalog defines them; an artwork option "
        'takes `{"artwork_id": "<id from POST /artworks/>", "placement": {...}}`, or '
        '`{"artwork_url": "https://...", "placement": {...}}` for us to fetch.'
    )
    quantity = serializers.IntegerField(min_value=1, max_value=100000)


class MerchantQuoteInputSerializer(serializers.Serializer):
    lines = serializers.ListField(
        child=MerchantLineInputSerializer(), min_length=1, max_length=MAX_LINES
    )
    ship_to = MerchantAddressSerializer()
    shipping_method = serializers.ChoiceField(choices=["standard", "express"])


def line_inputs(lines: list[dict[str, Any]]) -> list[LineInput]:
    return [LineInput(ln["sku"], dict(ln["options"]), ln["quantity"]) for ln in lines]


class MerchantBreakdownSerializer(serializers.Serializer):
    code = serializers.CharField()
    kind = serializers.CharField()
    label = serializers.DictField(child=serializers.CharField())  # type: ignore[assignment]
    amount = serializers.CharField()
    per_unit = serializers.BooleanField()


class MerchantLineOutputSerializer(serializers.Serializer):
    sku = serializers.CharField()
    name = serializers.DictField(child=serializers.CharField())
    options = serializers.DictField()
    quantity = serializers.IntegerField()
    unit_price = serializers.CharField()
    total = serializers.CharField()
    breakdown = MerchantBreakdownSerializer(many=True)


class MerchantMethodOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    price = serializers.CharField()
    total = serializers.CharField()
    promised_date = serializers.DateField(allow_null=True)


class MerchantQuoteOutputSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    sandbox = serializers.BooleanField()
    currency = serializers.CharField()
    lines = MerchantLineOutputSerializer(many=True)
    ship_to = serializers.DictField(child=serializers.CharField(allow_blank=True))
    shipping_method = serializers.CharField()
    shipping_methods = MerchantMethodOutputSerializer(many=True, source="methods")
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    shipping_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    promised_date = serializers.DateField(allow_null=True)
    valid_until = serializers.DateTimeField()


class MerchantParcelOutputSerializer(serializers.Serializer):
    carrier = serializers.CharField()
    tracking_number = serializers.CharField()
    shipped_at = serializers.CharField()
    delivered_at = serializers.CharField(allow_null=True)
    lines = serializers.ListField(child=serializers.IntegerField())


class MerchantItemOutputSerializer(MerchantLineOutputSerializer):
    status = serializers.CharField()


class MerchantOrderOutputSerializer(serializers.Serializer):
    id = serializers.CharField(source="public_id")
    reference = serializers.CharField()
    sandbox = serializers.BooleanField()
    status = serializers.ChoiceField(
        choices=["draft", "confirmed", "in_production", "shipped", "delivered", "cancelled"]
    )
    quote_id = serializers.SerializerMethodField()
    order_number = serializers.SerializerMethodField()
    currency = serializers.CharField()
    items = serializers.SerializerMethodField()
    parcels = serializers.SerializerMethodField()
    ship_to = serializers.DictField(child=serializers.CharField(allow_blank=True))
    shipping_method = serializers.CharField()
    subtotal = serializers.DecimalField(max_digits=12, decimal_places=2)
    shipping_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    total = serializers.DecimalField(max_digits=12, decimal_places=2)
    promised_date = serializers.DateField(allow_null=True)
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_quote_id(self, order: MerchantOrder) -> str | None:
        return order.quote.public_id if order.quote else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_order_number(self, order: MerchantOrder) -> str | None:
        return order.order.number if order.order else None

    @extend_schema_field(MerchantItemOutputSerializer(many=True))
    def get_items(self, order: MerchantOrder) -> Any:
        return MerchantItemOutputSerializer(merchant_order_items(order), many=True).data

    @extend_schema_field(MerchantParcelOutputSerializer(many=True))
    def get_parcels(self, order: MerchantOrder) -> Any:
        return MerchantParcelOutputSerializer(merchant_order_parcels(order), many=True).data


def quote_output(quote: MerchantQuote) -> dict[str, Any]:
    return MerchantQuoteOutputSerializer(quote).data
