"""Operators' side of the merchant API: business accounts with their members, price list
and terms; their API keys (shown once); and every merchant order with its webhooks."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backoffice.admin.policy import PlatformAdmin, PlatformInline, ReadOnlyInline
from c2m.errors import ApplicationError
from merchants.models import (
    ArtworkFetch,
    BulkMode,
    BulkOrderUpload,
    BusinessAccount,
    BusinessMember,
    ContractPrice,
    MerchantApiKey,
    MerchantOrder,
    MerchantOrderEvent,
    WebhookEvent,
)
from merchants.services.accounts import (
    business_account_create,
    merchant_key_create,
    merchant_key_revoke,
)
from merchants.services.bulk_orders import bulk_orders_upload, bulk_report_csv


class MemberInline(PlatformInline):
    model = BusinessMember
    raw_id_fields = ["user"]
    verbose_name_plural = _("members")


class ContractPriceInline(PlatformInline):
    model = ContractPrice
    autocomplete_fields = ["product"]
    verbose_name_plural = _("contract prices (a unit price per product, instead of the discount)")


class KeyInline(ReadOnlyInline):
    model = MerchantApiKey
    fields = ["name", "prefix", "sandbox", "created_at", "last_used_at", "revoked_at"]


@admin.register(BusinessAccount)
class BusinessAccountAdmin(PlatformAdmin):
    list_display = [
        "name",
        "public_id",
        "payment_terms",
        "discount_percent",
        "credit_limit",
        "is_active",
    ]
    list_filter = ["payment_terms", "is_active"]
    search_fields = ["name", "public_id", "contact_email"]
    fields = [
        "name",
        "contact_email",
        "is_active",
        "discount_percent",
        "payment_terms",
        "net_days",
        "credit_limit",
        "public_id",
        "created_at",
        "links",
    ]
    readonly_fields = ["public_id", "created_at", "links"]
    inlines = [MemberInline, ContractPriceInline, KeyInline]

    @admin.display(description=_("tools"))
    def links(self, obj: BusinessAccount) -> str:
        if not obj.pk:
            return "—"
        add = reverse("admin:merchants_merchantapikey_add") + f"?account={obj.pk}"
        orders = (
            reverse("admin:merchants_merchantorder_changelist") + f"?account__id__exact={obj.pk}"
        )
        bulk = reverse("admin:merchants_bulkorderupload_add") + f"?account={obj.pk}"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            add,
            gettext("Create an API key"),
            orders,
            gettext("Orders"),
            bulk,
            gettext("Upload bulk orders"),
        )

    def save_model(self, request, obj, form, change) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        saved = business_account_create(
            name=data["name"],
            contact_email=data["contact_email"],
            payment_terms=data["payment_terms"],
            discount_percent=data["discount_percent"],
            credit_limit=data["credit_limit"],
            net_days=data["net_days"],
        )
        obj.pk, obj.public_id, obj.artwork_token = saved.pk, saved.public_id, saved.artwork_token
        obj._state.adding = False


class MerchantKeyForm(forms.Form):
    name = forms.CharField(
        label=_("name"), max_length=60, help_text=_("Where the key is used, e.g. 'Shopify'.")
    )
    sandbox = forms.BooleanField(
        label=_("sandbox"),
        required=False,
        help_text=_("Sandbox orders are simulated and never reach a plant."),
    )


@admin.register(MerchantApiKey)
class MerchantApiKeyAdmin(PlatformAdmin):
    """Keys are created on their own page that shows the key once, and revoked."""

    operator_permissions = frozenset({"view", "add"})
    list_display = ["prefix", "account", "name", "sandbox", "created_at", "revoked_at"]
    list_filter = ["sandbox", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "name", "account__name"]
    list_select_related = ["account"]
    readonly_fields = [*cast(list[str], list_display), "last_used_at"]
    actions = ["revoke"]

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        if not self.has_add_permission(request):
            return self._get_obj_does_not_exist_redirect(request, self.opts, "add")
        account = BusinessAccount.objects.filter(pk=_int(request.GET.get("account"))).first()
        form = MerchantKeyForm(request.POST or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Create a merchant API key"),
            "accounts": BusinessAccount.objects.filter(is_active=True),
            "account": account,
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            account = BusinessAccount.objects.filter(pk=_int(request.POST.get("account"))).first()
            if account is None:
                messages.error(request, gettext("Choose a business account."))
            else:
                key, plain = merchant_key_create(
                    account=account,
                    name=form.cleaned_data["name"],
                    sandbox=form.cleaned_data["sandbox"],
                )
                self.log_addition(request, key, [{"added": {}}])
                response = TemplateResponse(
                    request,
                    "admin/c2m/merchant_key_created.html",
                    {**context, "title": gettext("API key created"), "key": key, "plain": plain},
                )
                response["Cache-Control"] = "no-store"
                return response
        return TemplateResponse(request, "admin/c2m/merchant_key_form.html", context)

    @admin.action(description=_("Revoke selected keys"), permissions=["operate"])
    def revoke(self, request: HttpRequest, queryset) -> None:
        revoked = 0
        for key in queryset.filter(revoked_at__isnull=True).select_related("account"):
            merchant_key_revoke(account=key.account, key_id=key.pk)
            revoked += 1
        self.message_user(
            request, gettext("Revoked %(count)d key(s).") % {"count": revoked}, messages.SUCCESS
        )


def _int(value: str | None) -> int:
    return int(value) if value and value.isdigit() and len(value) < 12 else 0


class EventInline(ReadOnlyInline):
    model = MerchantOrderEvent
    fields = ["created_at", "from_status", "to_status", "actor"]
    verbose_name_plural = _("timeline")


class WebhookInline(ReadOnlyInline):
    model = WebhookEvent
    fields = ["created_at", "type", "event_id"]
    verbose_name_plural = _("webhooks")


@admin.register(MerchantOrder)
class MerchantOrderAdmin(PlatformAdmin):
    """What merchants ordered, as they see it; the platform order is linked."""

    operator_permissions = frozenset({"view"})
    list_display = [
        "public_id",
        "reference",
        "account",
        "status",
        "sandbox",
        "total",
        "currency",
        "created_at",
    ]
    list_filter = ["status", "sandbox", "account"]
    search_fields = ["public_id", "reference", "account__name", "order__number"]
    list_select_related = ["account"]
    readonly_fields = ORDER_FIELDS = [
        "public_id",
        "reference",
        "account",
        "status",
        "sandbox",
        "platform_order",
        "currency",
        "subtotal",
        "shipping_total",
        "total",
        "promised_date",
        "shipping_method",
        "ship_to",
        "lines",
        "sandbox_parcels",
        "created_at",
    ]
    fields = list(ORDER_FIELDS)
    inlines = [EventInline, WebhookInline]

    @admin.display(description=_("platform order"))
    def platform_order(self, obj: MerchantOrder) -> str:
        if obj.order_id is None:
            return "—"
        url = reverse("admin:orders_order_change", args=[obj.order_id])
        return format_html('<a href="{}">{}</a>', url, obj.order)


class BulkOrderForm(forms.Form):
    account = forms.ModelChoiceField(
        queryset=BusinessAccount.objects.filter(is_active=True), label=_("Business account")
    )
    file = forms.FileField(
        label=_("File"), help_text=_("A .csv (UTF-8) or .xlsx file, one order per row.")
    )
    mode = forms.ChoiceField(
        label=_("Mode"),
        choices=[
            (BulkMode.ALL_OR_NOTHING, _("All or nothing: no order unless every row is good")),
            (BulkMode.VALID_ROWS_ONLY, _("Valid rows only: the good rows become orders")),
        ],
    )
    confirm = forms.BooleanField(
        label=_("Confirm the orders"),
        required=False,
        help_text=_("Charge or invoice each order and send it to production now."),
    )
    sandbox = forms.BooleanField(
        label=_("Sandbox"),
        required=False,
        help_text=_("Simulated orders that never reach a plant."),
    )


@admin.register(BulkOrderUpload)
class BulkOrderUploadAdmin(PlatformAdmin):
    """Bulk order files, uploaded by merchants through the API or by operators here for a
    business account; the orders are made by the same service either way."""

    operator_permissions = frozenset({"view", "add"})
    list_display = [
        "public_id",
        "account",
        "file_name",
        "mode",
        "rows_total",
        "orders_made",
        "problems",
        "sandbox",
        "created_at",
    ]
    list_filter = ["mode", "sandbox", "account"]
    search_fields = ["public_id", "file_name", "account__name"]
    list_select_related = ["account"]
    readonly_fields = UPLOAD_FIELDS = [
        "public_id",
        "account",
        "file_name",
        "mode",
        "confirm",
        "sandbox",
        "rows_total",
        "orders_made",
        "problems",
        "report_table",
        "actor",
        "created_at",
    ]
    fields = list(UPLOAD_FIELDS)

    @admin.display(description=_("orders made"))
    def orders_made(self, obj: BulkOrderUpload) -> int:
        return len(obj.orders)

    @admin.display(description=_("problems"))
    def problems(self, obj: BulkOrderUpload) -> int:
        return len(obj.report)

    @admin.display(description=_("report"))
    def report_table(self, obj: BulkOrderUpload) -> str:
        download = reverse("admin:merchants_bulkorderupload_report", args=[obj.pk])
        return render_to_string("admin/c2m/bulk_report.html", {"upload": obj, "download": download})

    def get_urls(self):
        report = self.admin_site.admin_view(self.report_view)
        return [
            path("<int:pk>/report.csv", report, name="merchants_bulkorderupload_report"),
            *super().get_urls(),
        ]

    def report_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        upload = BulkOrderUpload.objects.filter(pk=pk).first()
        if upload is None or not self.has_view_permission(request, upload):
            return self._get_obj_does_not_exist_redirect(request, self.opts, str(pk))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{upload.public_id}-report.csv"'
        response["X-Content-Type-Options"] = "nosniff"
        response.write("\ufeff")  # Excel reads UTF-8 only with the byte-order mark
        response.write(bulk_report_csv(upload))
        return response

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        if not self.has_add_permission(request):
            return self._get_obj_does_not_exist_redirect(request, self.opts, "add")
        initial = {"account": _int(request.GET.get("account")) or None}
        form = BulkOrderForm(request.POST or None, request.FILES or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                upload = bulk_orders_upload(
                    account=data["account"],
                    sandbox=data["sandbox"],
                    file_name=data["file"].name,
                    content=data["file"].read(),
                    mode=data["mode"],
                    confirm=data["confirm"],
                    actor=f"staff:{request.user.pk}",
                )
            except ApplicationError as error:
                form.add_error("file", error.detail)
            else:
                self.log_addition(request, upload, [{"added": {}}])
                level = messages.WARNING if upload.report else messages.SUCCESS
                self.message_user(
                    request,
                    gettext(
                        "%(orders)d order(s) made from %(rows)d row(s); %(problems)d problem(s)."
                    )
                    % {
                        "orders": len(upload.orders),
                        "rows": upload.rows_total,
                        "problems": len(upload.report),
                    },
                    level,
                )
                return redirect("admin:merchants_bulkorderupload_change", upload.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": gettext("Upload bulk orders"),
            "form": form,
        }
        return TemplateResponse(request, "admin/c2m/bulk_order_form.html", context)


@admin.register(ArtworkFetch)
class ArtworkFetchAdmin(PlatformAdmin):
    """Artwork merchants named by URL, and why a fetch failed."""

    operator_permissions = frozenset({"view"})
    list_display = ["url", "account", "line", "status", "reason", "attempts", "updated_at"]
    list_filter = ["status", "reason"]
    search_fields = ["url", "account__name"]
    list_select_related = ["account"]
    readonly_fields = FETCH_FIELDS = [
        "account",
        "url",
        "line",
        "status",
        "reason",
        "detail",
        "attempts",
        "artwork",
        "created_at",
        "updated_at",
    ]
    fields = list(FETCH_FIELDS)
