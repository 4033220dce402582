from decimal import Decimal

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from production.models import FACTORY_EVENTS, WorkOrder, WorkOrderEventType, WorkOrderStatus
from production.selectors.factory_api import LIST_ITEM_FIELDS
from production.selectors.production_files import work_order_files
from production.services.release import RELEASE_REASONS

EXPRESS_HELP = (
    "True: express production (priority) was sold with it. Make it first: it is due on the "
    "earlier `due_date` the customer paid for, and was planned on your express-lane days."
)


class WorkOrderListItemSerializer(serializers.ModelSerializer):
    express = serializers.BooleanField(read_only=True, help_text=EXPRESS_HELP)

    class Meta:
        model = WorkOrder
        fields = list(LIST_ITEM_FIELDS)
        read_only_fields = fields


class WorkOrderPageSerializer(serializers.Serializer):
    next = serializers.CharField(
        allow_null=True, help_text="Cursor for the next page; null on the last page."
    )
    results = WorkOrderListItemSerializer(many=True)


class WorkOrderListQuerySerializer(serializers.Serializer):
    status = serializers.ListField(
        child=serializers.ChoiceField(choices=WorkOrderStatus.choices), required=False
    )
    updated_after = serializers.DateTimeField(required=False)
    cursor = serializers.CharField(required=False, max_length=200)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=200, default=50)
    # Exactly "true" or "false", as the schema's boolean says (DRF's BooleanField would
    # also take "null", "yes", "1"…).
    express = serializers.ChoiceField(choices=["true", "false"], required=False)


class WorkOrderFileSerializer(serializers.Serializer):
    name = serializers.CharField()
    kind = serializers.CharField(help_text="print_area, text (engraving/embroidery) or job_ticket.")
    sha256 = serializers.CharField()
    size = serializers.IntegerField(help_text="Bytes.")
    content_type = serializers.CharField()
    url = serializers.CharField(help_text="GET it with your key; streamed as an attachment.")


class WorkOrderEventOutputSerializer(serializers.Serializer):
    type = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    # The event's field is named "data" in the API; Serializer.data is not used on this one.
    data = serializers.JSONField()  # type: ignore[assignment]
    created_at = serializers.DateTimeField()


class ParcelSerializer(serializers.Serializer):
    carrier = serializers.CharField()
    tracking_number = serializers.CharField()
    packages = serializers.JSONField()
    tracking_status = serializers.CharField(
        help_text="in_transit, out_for_delivery or delivered (only ever moves forward)."
    )
    delivered_at = serializers.DateTimeField(allow_null=True)
    shipped_at = serializers.DateTimeField(source="created_at")


class PayoutSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)
    currency = serializers.CharField(help_text="ISO 4217, your rate card's currency.")


class WorkOrderDetailSerializer(serializers.ModelSerializer):
    express = serializers.BooleanField(read_only=True, help_text=EXPRESS_HELP)
    payout = serializers.SerializerMethodField(
        help_text="What you are paid for this work order, fixed when it was offered to you: "
        "its operation minutes per work centre × your minute rate, plus material units × "
        "your material rates, plus shipping, exactly as the router costed it. Accrued to "
        "your statement when you ship it. Null for work offered before payouts were shown."
    )
    offer_expires_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text="Accept before this moment or the offer lapses and goes to another plant.",
    )
    configuration = serializers.JSONField(source="snapshot.configuration")
    configuration_summary = serializers.JSONField(source="snapshot.configuration_summary")
    artwork_preflight = serializers.JSONField(
        source="snapshot.artwork_preflight",
        default=dict,
        help_text="Per option code, how sharp the customer's artwork prints at its placed "
        "size (effective_dpi, level ok/warning) as shown to them when they ordered.",
    )
    bill_of_materials = serializers.JSONField(source="snapshot.bill_of_materials")
    operations = serializers.JSONField(source="snapshot.operations")
    qc_required = serializers.BooleanField(
        read_only=True,
        help_text="True when its operations include a QC step: it ships only after "
        "`qc_passed`. False: it may ship straight from production.",
    )
    ship_to = serializers.SerializerMethodField()
    timeline = WorkOrderEventOutputSerializer(source="events", many=True)
    parcels = ParcelSerializer(source="shipments", many=True, read_only=True)
    files_status = serializers.SerializerMethodField(
        help_text="`preparing`: the files are still being made and `files` is empty; "
        "`ready`: every file the job needs is listed in `files`; `failed`: a file could not "
        "be made (the operator is on it), `files` lists those that were."
    )
    files = serializers.SerializerMethodField()
    carbon = serializers.JSONField(
        read_only=True,
        help_text="Estimated kg CO2e of this work at your plant: `materials_kg`, `energy_kg`, "
        "`transport_kg`, `total_kg`, `energy_kwh` (with `energy_measured` once you reported "
        "your meter reading through `energy/`) and the grid and transport factors used.",
    )
    due_date = serializers.DateField(
        read_only=True,
        help_text="The day the customer was promised delivery (checkout's promise for "
        "their address and shipping method); the offer's `delivery_date` plans to meet it.",
    )

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
            "express",
            "payout",
            "offer_expires_at",
            "required_capabilities",
            "configuration",
            "configuration_summary",
            "artwork_preflight",
            "bill_of_materials",
            "operations",
            "qc_required",
            "carbon",
            "ship_to",
            "files_status",
            "files",
            "timeline",
            "parcels",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    @extend_schema_field(PayoutSerializer(allow_null=True))
    def get_payout(self, work_order: WorkOrder) -> dict | None:
        if work_order.payout_amount is None:
            return None
        return PayoutSerializer(
            {"amount": work_order.payout_amount, "currency": work_order.payout_currency}
        ).data

    def get_ship_to(self, work_order: WorkOrder) -> dict | None:
        # The customer's address is the factory's business only once it committed; the
        # view that renders this records the reveal (``work_order_address_revealed``).
        return work_order.ship_to if work_order.address_visible_to_factory() else None

    @extend_schema_field(serializers.ChoiceField(choices=["preparing", "ready", "failed"]))
    def get_files_status(self, work_order: WorkOrder) -> str:
        return work_order_files(work_order).status

    @extend_schema_field(WorkOrderFileSerializer(many=True))
    def get_files(self, work_order: WorkOrder) -> list[dict]:
        return [
            {
                "name": row.name,
                "kind": row.kind,
                "sha256": row.sha256,
                "size": row.size,
                "content_type": row.content_type,
                "url": reverse("factory-api:file", args=[work_order.pk, row.name]),
            }
            for row in work_order_files(work_order).files
        ]


class DeclineInputSerializer(serializers.Serializer):
    REASONS = ["no_capacity", "no_material", "cannot_make", "price", "other"]
    reason_code = serializers.ChoiceField(choices=REASONS)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class EnergyInputSerializer(serializers.Serializer):
    kwh = serializers.FloatField(
        min_value=0,
        max_value=1_000_000,
        help_text="Electricity the work used, measured at your plant, in kWh (0 to "
        "1,000,000; kept to the watt-hour).",
    )

    def validate_kwh(self, value: float) -> Decimal:
        return Decimal(str(round(value, 3)))


class EnergyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    carbon = serializers.JSONField()


class EventInputSerializer(serializers.Serializer):
    TYPES = list(FACTORY_EVENTS)
    type = serializers.ChoiceField(choices=TYPES)
    percent = serializers.IntegerField(min_value=0, max_value=100, required=False)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True)
    carrier = serializers.CharField(max_length=60, required=False)
    tracking_number = serializers.CharField(max_length=80, required=False)
    packages = serializers.ListField(child=serializers.DictField(), max_length=100, required=False)
    delivered_at = serializers.DateTimeField(
        required=False, help_text="For `delivered`: when the parcel was handed over (default now)."
    )

    def validate_packages(self, packages: list[dict]) -> list[dict]:
        for package in packages:
            if len(package) > 20 or any(
                not isinstance(v, str | int | float | bool | None) for v in package.values()
            ):
                raise serializers.ValidationError("Each package is a flat object of ≤ 20 fields.")
        return packages

    def validate(self, attrs: dict) -> dict:
        kind = attrs["type"]
        if kind == WorkOrderEventType.SHIPPED:
            missing = {
                f: ["Required for a shipment."]
                for f in ("carrier", "tracking_number")
                if not attrs.get(f)
            }
            if missing:
                raise serializers.ValidationError(missing)
        if kind == WorkOrderEventType.DELIVERED and not attrs.get("tracking_number"):
            raise serializers.ValidationError({"tracking_number": ["Say which parcel."]})
        if kind == WorkOrderEventType.QC_FAILED and not attrs.get("reason"):
            raise serializers.ValidationError({"reason": ["Say why QC failed."]})
        if kind == WorkOrderEventType.PROGRESS and "percent" not in attrs:
            raise serializers.ValidationError({"percent": ["Required for progress."]})
        return attrs


class CapacityDaySerializer(serializers.Serializer):
    centre_type = serializers.SlugField(max_length=40)
    day = serializers.DateField()
    available_minutes = serializers.IntegerField(min_value=0, max_value=1440 * 100)
    reserved_minutes = serializers.IntegerField(read_only=True)
    note = serializers.CharField(max_length=100, required=False, allow_blank=True)
    published = serializers.BooleanField(read_only=True)


class CapacitySerializer(serializers.Serializer):
    first_day = serializers.DateField(read_only=True)
    last_day = serializers.DateField(read_only=True)
    days = CapacityDaySerializer(many=True)


class CapacityInputSerializer(serializers.Serializer):
    # many=True hands max_length to the ListSerializer; the stubs miss that keyword.
    days = CapacityDaySerializer(many=True, allow_empty=False, max_length=2000)  # type: ignore[call-arg]


class FeedEntrySerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    work_order_id = serializers.IntegerField()
    work_order_number = serializers.CharField()
    event = serializers.CharField()
    status = serializers.ChoiceField(choices=WorkOrderStatus.choices)
    version = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class FeedPageSerializer(serializers.Serializer):
    next = serializers.CharField(help_text="Pass as `after` on the next poll.")
    results = FeedEntrySerializer(many=True)


class FeedQuerySerializer(serializers.Serializer):
    after = serializers.IntegerField(required=False, min_value=0, default=0)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=500, default=100)


class WebhookInputSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=500)


class WebhookSerializer(serializers.Serializer):
    url = serializers.URLField()
    active = serializers.BooleanField()
    created_at = serializers.DateTimeField()


class WebhookCreatedSerializer(WebhookSerializer):
    secret = serializers.CharField(help_text="Shown once: keep it to verify signatures.")


class DeclinedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()


class ReleaseInputSerializer(serializers.Serializer):
    reason_code = serializers.ChoiceField(choices=list(RELEASE_REASONS))
    reason = serializers.CharField(max_length=500, help_text="Why you give the work back.")


class ReleasedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField(help_text='Always "released".')
    address_seen_at = serializers.DateTimeField(
        allow_null=True, help_text="When your factory was first shown the shipping address."
    )
