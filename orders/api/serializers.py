from rest_framework import serializers

from orders.models import Order


class OrderLineOutputSerializer(serializers.Serializer):
    line_no = serializers.IntegerField()
    product_sku = serializers.CharField()
    product_name = serializers.CharField()
    quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)
    line_total = serializers.DecimalField(max_digits=12, decimal_places=2)
    configuration = serializers.JSONField()
    configuration_summary = serializers.JSONField()
    preflight = serializers.JSONField(
        help_text="Artwork preflight per option code: effective_dpi, level (ok/warning), "
        "covers_area, has_transparency, message."
    )


class TimelineEntryOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    detail = serializers.CharField()
    at = serializers.DateTimeField()


class ShipmentOutputSerializer(serializers.Serializer):
    carrier = serializers.CharField()
    tracking_number = serializers.CharField()
    origin_city = serializers.CharField()
    packages = serializers.JSONField()
    shipped_at = serializers.DateTimeField()


class OrderDetailOutputSerializer(serializers.ModelSerializer):
    lines = OrderLineOutputSerializer(many=True)
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
            "created_at",
            "lines",
            "timeline",
            "shipments",
        ]
        read_only_fields = fields


class OrderListItemOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Order
        fields = ["number", "status", "currency", "total", "created_at"]
        read_only_fields = fields
