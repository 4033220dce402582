"""Orders in the admin: read-only, with lines, the full timeline and shipments."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from c2m.admin_policy import PlatformAdmin, ReadOnlyInline
from orders.models import Order, OrderEvent, OrderLine, OrderShipment


class LineInline(ReadOnlyInline):
    model = OrderLine
    fields = ["line_no", "product_sku", "product_name", "quantity", "unit_price", "line_total"]


class TimelineInline(ReadOnlyInline):
    model = OrderEvent
    fields = ["created_at", "kind", "code", "from_status", "to_status", "actor", "data"]
    verbose_name_plural = "timeline"


class ShipmentInline(ReadOnlyInline):
    model = OrderShipment
    fields = ["work_order_number", "carrier", "tracking_number", "origin_city", "shipped_at"]


@admin.register(Order)
class OrderAdmin(PlatformAdmin):
    operator_permissions = frozenset({"view"})
    list_display = ["number", "email", "status", "total", "currency", "promised_date", "created_at"]
    list_filter = ["status", "created_at"]
    search_fields = ["number", "email"]
    date_hierarchy = "created_at"
    inlines = [LineInline, TimelineInline, ShipmentInline]
    fields = [
        "number",
        "status",
        "email",
        "customer",
        "ship_to",
        "currency",
        "subtotal",
        "shipping_total",
        "total",
        "promised_date",
        "language",
        "created_at",
        "work_orders",
    ]
    readonly_fields = fields

    @admin.display(description="work orders")
    def work_orders(self, obj: Order) -> str:
        url = reverse("admin:production_workorder_changelist") + "?" + urlencode({"q": obj.number})
        return format_html('<a href="{}">Work orders of {}</a>', url, obj.number)
