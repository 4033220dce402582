from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from orders.models import Order, OrderLine
from orders.pages.configurator import has_live_preview
from orders.pages.design_words import design_words
from orders.selectors.catalog import line_product
from orders.selectors.line_thumbnails import order_line_thumbnail_url


class WarrantyOutputSerializer(serializers.Serializer):
    months = serializers.IntegerField()
    starts_on = serializers.DateField(help_text="The day the item was delivered.")
    ends_on = serializers.DateField(help_text="The last day the warranty covers.")


class ServiceOutputSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The service, e.g. gift_wrap, assembly, care_plan.")
    name = serializers.JSONField(source="label", help_text='{"en": ..., "zh-hans": ...}')
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    per_unit = serializers.BooleanField(help_text="Charged per piece (else once per line).")
    fulfilment = serializers.ChoiceField(choices=["plant", "platform"])


class OrderLineOutputSerializer(serializers.Serializer):
    line_no = serializers.IntegerField()
    product_sku = serializers.CharField()
    product_name = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)
    line_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    configuration = serializers.JSONField()
    configuration_summary = serializers.SerializerMethodField(
        help_text="The design in words, in the request's language (Accept-Language): "
        '`[label, value]` pairs in option order, e.g. `["Front", "your artwork, 50 %"]`.'
    )
    thumbnail_url = serializers.SerializerMethodField(
        help_text="A picture of the design as ordered (PNG), or null for products "
        "without a preview."
    )
    preflight = serializers.JSONField(
        help_text="Artwork preflight per option code: effective_dpi, level (ok/warning), "
        "covers_area, has_transparency, message."
    )
    services = serializers.SerializerMethodField(help_text="Paid services sold with the line.")
    warranty_months = serializers.IntegerField(
        help_text="Months of warranty from delivery (0: none), extensions included."
    )
    warranty = serializers.SerializerMethodField(
        help_text="Registered when the item is delivered; null before (or without one)."
    )

    @extend_schema_field(ServiceOutputSerializer(many=True))
    def get_services(self, line: OrderLine) -> list[dict]:
        sold = [
            {**entry, **entry["service"]}
            for entry in line.price_breakdown or []
            if isinstance(entry, dict) and entry.get("kind") == "service" and entry.get("service")
        ]
        return list(ServiceOutputSerializer(sold, many=True).data)

    @extend_schema_field(WarrantyOutputSerializer(allow_null=True))
    def get_warranty(self, line: OrderLine) -> dict | None:
        warranty = getattr(line, "warranty", None)
        return None if warranty is None else WarrantyOutputSerializer(warranty).data

    @extend_schema_field(
        serializers.ListField(child=serializers.ListField(child=serializers.CharField()))
    )
    def get_configuration_summary(self, line: OrderLine) -> list[list[str]]:
        words = design_words(
            product=line_product(line),
            values=line.configuration,
            fallback=line.configuration_summary,
        )
        return [[label, value] for label, value in words]

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_thumbnail_url(self, line: OrderLine) -> str | None:
        if not has_live_preview(line.product_sku):
            return None
        return order_line_thumbnail_url(line, absolute=True)


class TimelineEntryOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    # The entry's field is named "label" in the API; DRF's own Field.label is unused here.
    label = serializers.CharField()  # type: ignore[assignment]
    detail = serializers.CharField()
    at = serializers.DateTimeField()


class ShipmentOutputSerializer(serializers.Serializer):
    carrier = serializers.CharField()
    tracking_number = serializers.CharField()
    origin_city = serializers.CharField()
    packages = serializers.JSONField()
    shipped_at = serializers.DateTimeField()


class PromiseOutputSerializer(serializers.Serializer):
    """The delivery promise the order was sold with, and whether it still holds."""

    promised_date = serializers.DateField(
        allow_null=True,
        help_text="The date checkout showed for the chosen shipping method and address: "
        "live capacity of capable plants + production time + transit with that method.",
    )
    shipping_method = serializers.CharField()
    broken = serializers.BooleanField(
        help_text="True once production reported it cannot deliver by the promised date "
        "(a plant declined and none is left, an offer expired, a plant paused, or the "
        "only plan left is late). The customer is emailed once per break."
    )
    revised_date = serializers.DateField(
        allow_null=True,
        help_text="The earliest date production can now deliver; null while no plant can "
        "make it. The order can then be cancelled for a full refund until a plant accepts.",
    )
    cancellable_for_refund = serializers.BooleanField()


class OrderDetailOutputSerializer(serializers.ModelSerializer):
    lines = OrderLineOutputSerializer(many=True)
    promise = serializers.SerializerMethodField()
    # Set by the view from orders.selectors.timeline: what happened, in words.
    timeline = TimelineEntryOutputSerializer(many=True)
    shipments = ShipmentOutputSerializer(many=True)

    class Meta:
        model = Order
        fields = [
            "number",
            "status",
            "currency",
            "subtotal",
            "shipping_total",
            "total",
            "shipping_method",
            "promised_date",
            "promise",
            "created_at",
            "lines",
            "timeline",
            "shipments",
        ]
        read_only_fields = fields

    @extend_schema_field(PromiseOutputSerializer)
    def get_promise(self, order: Order) -> dict:
        broken = order.promise_broken
        return PromiseOutputSerializer(
            {
                "promised_date": order.promised_date,
                "shipping_method": order.shipping_method,
                "broken": broken,
                "revised_date": order.promise_revised_date if broken else None,
                "cancellable_for_refund": broken and order.can_cancel(),
            }
        ).data


class OrderListItemOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["number", "status", "currency", "total", "created_at"]
        read_only_fields = fields
