"""Operators' side of the merchant API: business accounts with their members, price list
and terms; their API keys (shown once); and every merchant order with its webhooks."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backoffice.admin.policy import PlatformAdmin, PlatformInline, ReadOnlyInline
from merchants.models import (
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
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            add,
            gettext("Create an API key"),
            orders,
            gettext("Orders"),
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
