from rest_framework import serializers

from production.models import WorkOrder


class WorkOrderListItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = WorkOrder
        fields = [
            "id",
            "number",
            "status",
            "version",
            "product_sku",
            "product_name",
            "quantity",
            "due_date",
            "updated_at",
        ]
        read_only_fields = fields


class WorkOrderEventOutputSerializer(serializers.Serializer):
    type = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    data = serializers.JSONField()
    created_at = serializers.DateTimeField()


class WorkOrderDetailSerializer(serializers.ModelSerializer):
    configuration = serializers.JSONField(source="snapshot.configuration")
    configuration_summary = serializers.JSONField(source="snapshot.configuration_summary")
    bill_of_materials = serializers.JSONField(source="snapshot.bill_of_materials")
    operations = serializers.JSONField(source="snapshot.operations")
    ship_to = serializers.SerializerMethodField()
    timeline = WorkOrderEventOutputSerializer(source="events", many=True)

    class Meta:
        model = WorkOrder
        fields = [
            "id",
            "number",
            "order_number",
            "status",
            "version",
            "product_sku",
            "product_name",
            "quantity",
            "due_date",
            "required_capabilities",
            "configuration",
            "configuration_summary",
            "bill_of_materials",
            "operations",
            "ship_to",
            "timeline",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_ship_to(self, work_order: WorkOrder) -> dict | None:
        # The customer's address is the factory's business only once it committed.
        if work_order.status in {"offered", "pending", "unroutable", "cancelled"}:
            return None
        return work_order.ship_to


class DeclineInputSerializer(serializers.Serializer):
    REASONS = ["no_capacity", "no_material", "cannot_make", "price", "other"]
    reason_code = serializers.ChoiceField(choices=REASONS)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class EventInputSerializer(serializers.Serializer):
    TYPES = ["started", "progress", "qc_passed", "qc_failed", "shipped"]
    type = serializers.ChoiceField(choices=TYPES)
    percent = serializers.IntegerField(min_value=0, max_value=100, required=False)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)
    carrier = serializers.CharField(max_length=60, required=False)
    tracking_number = serializers.CharField(max_length=80, required=False)
    packages = serializers.ListField(child=serializers.DictField(), max_length=100, required=False)

    def validate(self, attrs: dict) -> dict:
        kind = attrs["type"]
        if kind == "shipped":
            missing = {
                f: ["Required for a shipment."]
                for f in ("carrier", "tracking_number")
                if not attrs.get(f)
            }
            if missing:
                raise serializers.ValidationError(missing)
        if kind == "qc_failed" and not attrs.get("reason"):
            raise serializers.ValidationError({"reason": ["Say why QC failed."]})
        if kind == "progress" and "percent" not in attrs:
            raise serializers.ValidationError({"percent": ["Required for progress."]})
        return attrs
