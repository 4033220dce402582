"""Orders in the admin: read-only, with lines, the full timeline and shipments."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast
from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backoffice.admin.money import money_text
from backoffice.admin.policy import PlatformAdmin, ReadOnlyInline, apply_each
from backoffice.selectors.margins import order_margin, orders_with_payouts
from orders.models import Order, OrderEmail, OrderEvent, OrderLine, OrderShipment, Product
from orders.pages.configurator import has_live_preview
from orders.pages.design_words import design_words
from orders.selectors.line_thumbnails import order_line_thumbnail_url
from orders.services.addresses import FIELDS as ADDRESS_FIELDS
from orders.services.emails import order_emails_retry_failed
from orders.services.lifecycle import order_cancel, order_mark_delivered, order_mark_paid


class LineInline(ReadOnlyInline):
    model = OrderLine
    fields = [
        "line_no",
        "product_sku",
        "product_name",
        "design",
        "quantity",
        "unit_price",
        "line_total",
        "warranty_months",
    ]

    @admin.display(description="design")
    def design(self, line: OrderLine) -> str:
        """The design's picture (its signed thumbnail link) and its choices in words."""
        product = Product.objects.filter(sku=line.product_sku).first()
        words = design_words(
            product=product, values=line.configuration, fallback=line.configuration_summary
        )
        rows = format_html_join(mark_safe("<br>"), "{}: {}", words) or "—"
        if not has_live_preview(line.product_sku):
            return rows
        return format_html(
            '<img src="{}" alt="design" width="96" height="96" class="c2m-design-thumb"><br>{}',
            order_line_thumbnail_url(line),
            rows,
        )


class TimelineInline(ReadOnlyInline):
    model = OrderEvent
    fields = ["created_at", "kind", "code", "from_status", "to_status", "actor", "data"]
    verbose_name_plural = "timeline"


class EmailInline(ReadOnlyInline):
    model = OrderEmail
    fields = ["created_at", "kind", "status", "attempts", "to", "subject", "sent_at", "last_error"]
    verbose_name_plural = _("emails to the customer")


class ShipmentInline(ReadOnlyInline):
    model = OrderShipment
    fields = ["work_order_number", "carrier", "tracking_number", "origin_city", "shipped_at"]


@admin.register(Order)
class OrderAdmin(PlatformAdmin):
    operator_permissions = frozenset({"view"})
    list_display = [
        "number",
        "email",
        "status",
        "total",
        "currency",
        "margin",
        "promised_date",
        "created_at",
    ]
    list_filter = ["status", "created_at"]
    search_fields = ["number", "email"]
    date_hierarchy = "created_at"
    inlines = [LineInline, TimelineInline, ShipmentInline, EmailInline]
    fields = [
        "number",
        "status",
        "email",
        "customer",
        "ship_to_label",
        "currency",
        "subtotal",
        "shipping_total",
        "total",
        "margin_breakdown",
        "promised_date",
        "language",
        "created_at",
        "work_orders",
    ]
    readonly_fields = cast(list[str], fields)  # a flat list of field names
    actions = ["mark_paid", "mark_delivered", "cancel", "send_failed_emails"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Order]:
        return orders_with_payouts(super().get_queryset(request))

    @admin.display(description=_("margin"))
    def margin(self, obj: Order) -> str:
        figures = order_margin(obj)
        if figures.margin is None:
            return "—"
        text = money_text(figures.margin, figures.currency)
        return f"{text} *" if figures.unpriced else text

    @admin.display(description=_("platform margin"))
    def margin_breakdown(self, obj: Order) -> str:
        figures = order_margin(obj)
        c = figures.currency
        rows = [
            (gettext("revenue net of VAT"), money_text(figures.revenue_net, c)),
            (gettext("payouts to plants"), money_text(-figures.payouts, c)),
            (gettext("chargebacks recovered"), money_text(figures.chargebacks, c)),
            (gettext("margin"), money_text(figures.margin, c)),
        ]
        table = format_html(
            '<table class="c2m-kv" id="order-margin">{}</table>',
            format_html_join("", '<tr><th>{}</th><td class="c2m-num">{}</td></tr>', rows),
        )
        if figures.margin is None:
            note = gettext("A plant is paid in another currency than the order's.")
        elif figures.unpriced:
            note = gettext("* Provisional: %(count)d work order(s) not yet offered to a plant.") % {
                "count": figures.unpriced
            }
        else:
            note = ""
        return format_html('{}<p class="help">{}</p>', table, note) if note else table

    @admin.display(description="shipping address")
    def ship_to_label(self, obj: Order) -> str:
        lines = (obj.ship_to.get(k) for k in ADDRESS_FIELDS)
        return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines if line))

    @admin.display(description="work orders")
    def work_orders(self, obj: Order) -> str:
        url = reverse("admin:production_workorder_changelist") + "?" + urlencode({"q": obj.number})
        return format_html('<a href="{}">Work orders of {}</a>', url, obj.number)

    @admin.action(description="Mark paid (invoice payment received)", permissions=["view"])
    def mark_paid(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(
            request,
            queryset,
            "Marked paid",
            lambda o, actor: order_mark_paid(order_id=o.pk, actor=actor, reference="admin"),
        )

    @admin.action(description="Mark delivered (carrier confirmed)", permissions=["view"])
    def mark_delivered(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(
            request,
            queryset,
            "Marked delivered",
            lambda o, actor: order_mark_delivered(order_id=o.pk, actor=actor),
        )

    @admin.action(description="Cancel (before any plant accepted)", permissions=["view"])
    def cancel(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(
            request,
            queryset,
            "Cancelled",
            lambda o, actor: order_cancel(
                order_id=o.pk, actor=actor, reason="cancelled by an operator"
            ),
        )

    @admin.action(description="Send the failed emails again", permissions=["view"])
    def send_failed_emails(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(
            request,
            queryset,
            "Failed emails sent again for",
            lambda o, actor: order_emails_retry_failed(order_id=o.pk, actor=actor),
        )

    def _each(
        self,
        request: HttpRequest,
        queryset: QuerySet[Order],
        done: str,
        service: Callable[[Order, str], object],
    ) -> None:
        actor = f"admin:{request.user.get_username()}"
        apply_each(self, request, queryset, service, actor=actor, done=done, noun="order")
