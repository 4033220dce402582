"""GET /products/ and /products/{sku}/: the catalog with everything a configurator needs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from merchants.api.base import MerchantApi, errors
from merchants.selectors.catalog import catalog_entries, merchant_product_get, merchant_products


class MerchantPrintAreaSerializer(serializers.Serializer):
    name = serializers.CharField()
    width_mm = serializers.FloatField()
    height_mm = serializers.FloatField()
    min_dpi = serializers.FloatField(allow_null=True, help_text="artwork below is refused")


class MerchantProductOutputSerializer(serializers.Serializer):
    sku = serializers.CharField()
    name = serializers.DictField(child=serializers.CharField(allow_blank=True))
    description = serializers.DictField(child=serializers.CharField(allow_blank=True))
    languages = serializers.ListField(child=serializers.CharField())
    currency = serializers.CharField()
    list_price = serializers.DecimalField(max_digits=12, decimal_places=2, coerce_to_string=True)
    price_list = serializers.DictField(
        help_text="`{kind: contract, unit_price}` or `{kind: discount, percent}`"
    )
    definition_version = serializers.IntegerField()
    default_lead_days = serializers.IntegerField()
    quantity = serializers.DictField(help_text="min, max, multiple_of")
    groups = serializers.ListField(child=serializers.DictField())
    options = serializers.ListField(
        child=serializers.DictField(),
        help_text="code, kind, label {en, zh-hans}, required, default, values (code, label, "
        "price_delta), print_areas (artwork options), bounds (numbers)",
    )
    rules = serializers.ListField(child=serializers.DictField())
    price_components = serializers.ListField(child=serializers.DictField())
    print_areas = MerchantPrintAreaSerializer(many=True)


class ProductListApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_products_list",
        responses={
            200: inline_serializer(
                "MerchantProductList", {"results": MerchantProductOutputSerializer(many=True)}
            ),
            **errors(),
        },
    )
    def get(self, request: Request) -> Response:
        products = list(merchant_products())
        return Response(
            {"results": catalog_entries(account=self.account(request), products=products)}
        )


class ProductDetailApi(MerchantApi):
    @extend_schema(
        operation_id="merchant_products_retrieve",
        responses={200: MerchantProductOutputSerializer, **errors(404)},
    )
    def get(self, request: Request, sku: str) -> Response:
        product = merchant_product_get(sku=sku)
        return Response(catalog_entries(account=self.account(request), products=[product])[0])
