"""Payment intents, read-only for operators: every charge and refund as recorded before
the provider was called, and what became of it (the reconciler settles stuck ones)."""

from __future__ import annotations

from typing import cast

from django.contrib import admin
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from backoffice.admin.policy import PlatformAdmin
from orders.models import PaymentIntent


@admin.register(PaymentIntent)
class PaymentIntentAdmin(PlatformAdmin):
    operator_permissions = frozenset({"view"})
    list_display = [
        "id",
        "kind",
        "purpose",
        "provider",
        "status",
        "amount",
        "currency",
        "order_link",
        "attempts",
        "updated_at",
    ]
    list_filter = ["status", "kind", "purpose", "provider"]
    search_fields = ["reference", "checkout_key", "order__number"]
    list_select_related = ["order"]
    fields = [
        "kind",
        "purpose",
        "provider",
        "status",
        "amount",
        "currency",
        "order_link",
        "reference",
        "outcome",
        "display",
        "message",
        "attempts",
        "checkout_key",
        "created_at",
        "updated_at",
    ]
    readonly_fields = cast(list[str], fields)

    @admin.display(description=_("order"), ordering="order__number")
    def order_link(self, intent: PaymentIntent) -> str:
        if intent.order_id is None:
            return "—"
        url = reverse("admin:orders_order_change", args=[intent.order_id])
        return format_html('<a href="{}">{}</a>', url, intent.order.number if intent.order else "")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
