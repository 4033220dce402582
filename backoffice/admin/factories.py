"""Operators' side of the partner network: factories, capabilities, API keys, recipes."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from import_export.fields import Field

from backoffice.admin.actions import admin_actor, ask
from backoffice.admin.forms import ApiKeyForm, ReasonForm
from backoffice.admin.policy import PlatformAdmin, PlatformInline, ReadOnlyInline
from c2m.errors import ApplicationError
from c2m.tabular import SpreadsheetResource, table_response
from production.models import (
    Capability,
    CapacityClosure,
    Factory,
    FactoryApiKey,
    FactoryMaterial,
    FactoryMembership,
    FactoryStatus,
    Recipe,
    WorkCentre,
)
from production.services.api_keys import api_key_create, api_key_revoke
from production.services.capacity_calendar import capacity_materialize
from production.services.factories import factory_upsert
from production.services.factory_quality import CUSTOMER_DEFECT_WEIGHT
from production.services.factory_status import factory_set_status

FACTORY_COLUMNS = [
    "code",
    "name",
    "city",
    "country",
    "latitude",
    "longitude",
    "capabilities",
    "address",
    "max_open_work_orders",
    "offer_sla_hours",
]


class FactoryResource(SpreadsheetResource):
    """Factories as operators' spreadsheets hold them: capabilities as space-separated codes."""

    capabilities = Field(column_name="capabilities")

    class Meta:
        model = Factory
        fields = FACTORY_COLUMNS
        export_order = FACTORY_COLUMNS

    def filter_export(self, queryset: QuerySet, **kwargs: Any) -> QuerySet:
        return queryset.prefetch_related("capabilities").order_by("code")

    def dehydrate_capabilities(self, factory: Factory) -> str:
        return " ".join(c.code for c in factory.capabilities.all())


class WorkCentreInline(PlatformInline):
    model = WorkCentre
    fields = [
        "type",
        "name",
        "default_minutes_per_day",
        "works_weekends",
        "cost_per_minute",
        "power_kw",
    ]


class MaterialInline(PlatformInline):
    model = FactoryMaterial
    fields = ["material", "unit_cost"]
    verbose_name_plural = "materials stocked (cost per unit used)"


class ClosureInline(PlatformInline):
    model = CapacityClosure
    fields = ["day", "centre_type", "kind", "note"]
    verbose_name_plural = (
        "holidays and maintenance days (blank work-centre type: the whole plant is closed)"
    )


class ApiKeyInline(ReadOnlyInline):
    model = FactoryApiKey
    fields = ["name", "prefix", "created_at", "expires_at", "revoked_at", "last_used_at"]


class MembershipInline(ReadOnlyInline):
    model = FactoryMembership
    fields = ["user", "created_at"]
    verbose_name_plural = "staff users"


@admin.register(Factory)
class FactoryAdmin(PlatformAdmin):
    list_display = [
        "code",
        "name",
        "city",
        "country",
        "status",
        "max_open_work_orders",
        "express_days",
    ]
    list_filter = ["status", "country", "capabilities"]
    search_fields = ["code", "name", "city"]
    filter_horizontal = ["capabilities"]
    # Status belongs to its own service, never to a form field.
    # Quality is derived from the plant's history by a periodic task; edits would be lost.
    readonly_fields = [
        "status",
        "quality_score",
        "scorecard",
        "quality_details",
        "created_at",
        "links",
    ]
    inlines = [WorkCentreInline, MaterialInline, ClosureInline, ApiKeyInline, MembershipInline]
    actions = ["export_csv", "export_xlsx", "pause", "resume"]
    change_list_template = "admin/c2m/change_list_with_import.html"
    import_kind = "factories"

    @admin.display(description="scorecard")
    def scorecard(self, obj: Factory) -> str:
        """The score's parts in words, with the claims customers filed against its work."""
        details = obj.quality_details or {}
        if not details:
            return "—"
        claims = reverse("admin:production_plantclaim_changelist") + f"?factory__id__exact={obj.pk}"
        return format_html(
            "On time {} of {} shipped · QC failed {} of {} checks · "
            '<a href="{}">customer-reported defects: {}</a> (each weighs as {} failed checks)'
            " · offers declined or expired {} of {}, released {}",
            details.get("on_time", 0),
            details.get("shipped", 0),
            details.get("qc_failed", 0),
            details.get("qc_checks", 0),
            claims,
            details.get("customer_defects", 0),
            CUSTOMER_DEFECT_WEIGHT,
            details.get("declined_or_expired", 0),
            details.get("offers", 0),
            details.get("released", 0),
        )

    @admin.display(description="tools")
    def links(self, obj: Factory) -> str:
        if not obj.pk:
            return "—"
        key_url = reverse("admin:production_factoryapikey_add") + f"?factory={obj.pk}"
        calendar = reverse("admin:production_capacityday_calendar") + f"?factory={obj.pk}"
        return format_html(
            '<a href="{}">Create an API key</a> · <a href="{}">Capacity calendar</a>',
            key_url,
            calendar,
        )

    def save_model(self, request, obj, form, change) -> None:
        data = dict(form.cleaned_data)
        capabilities = [c.code for c in data.pop("capabilities")]
        saved = factory_upsert(capabilities=capabilities, **data)
        obj.pk = saved.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # New work centres get their calendar rows, and new closures close their days.
        capacity_materialize(factory_id=form.instance.pk)

    @admin.action(description="Export selected as CSV")
    def export_csv(self, request, queryset):
        resource = FactoryResource()
        return table_response(resource=resource, queryset=queryset, filename="factories", fmt="csv")

    @admin.action(description="Export selected as XLSX")
    def export_xlsx(self, request, queryset):
        resource = FactoryResource()
        return table_response(
            resource=resource, queryset=queryset, filename="factories", fmt="xlsx"
        )

    @admin.action(
        description="Pause selected factories (their unstarted work is re-routed)",
        permissions=["operate"],
    )
    def pause(self, request: HttpRequest, queryset):
        data, page = ask(self, request, queryset, ReasonForm, "Pause factories: why?")
        if page:
            return page
        self._set_status(request, queryset, FactoryStatus.PAUSED, data["reason"])
        return None

    @admin.action(description="Resume selected factories", permissions=["operate"])
    def resume(self, request: HttpRequest, queryset) -> None:
        self._set_status(request, queryset, FactoryStatus.ACTIVE, "")

    def _set_status(self, request: HttpRequest, queryset, status: str, reason: str) -> None:
        actor = admin_actor(request)
        for factory in queryset.order_by("pk"):
            try:
                given_back = factory_set_status(
                    factory_id=factory.pk, status=status, actor=actor, reason=reason
                )
            except ApplicationError as exc:
                self.message_user(request, f"{factory.code}: {exc.detail}", messages.ERROR)
                continue
            self.log_change(request, factory, f"Status set to {status}. {reason}".strip())
            self.message_user(
                request,
                f"{factory.code}: {FactoryStatus(status).label.lower()}; "
                f"{len(given_back)} work order(s) given back for re-routing.",
                messages.SUCCESS,
            )


@admin.register(Capability)
class CapabilityAdmin(PlatformAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(FactoryApiKey)
class FactoryApiKeyAdmin(PlatformAdmin):
    """Keys are created on their own page that shows the secret once, and revoked."""

    operator_permissions = frozenset({"view", "add"})
    list_display = ["prefix", "factory", "name", "created_at", "expires_at", "revoked_at"]
    list_filter = ["factory", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["prefix", "name", "factory__code"]
    list_select_related = ["factory"]
    readonly_fields = [*cast(list[str], list_display), "last_used_at"]
    actions = ["revoke"]

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None):
        if not self.has_add_permission(request):
            return self._get_obj_does_not_exist_redirect(request, self.opts, "add")
        factory = Factory.objects.filter(pk=request.GET.get("factory") or 0).first()
        form = ApiKeyForm(request.POST or None)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Create a factory API key",
            "factories": Factory.objects.all(),
            "factory": factory,
            "form": form,
        }
        if request.method == "POST" and form.is_valid():
            factory = Factory.objects.filter(pk=request.POST.get("factory") or 0).first()
            if factory is None:
                messages.error(request, "Choose a factory.")
            else:
                key, plain = api_key_create(
                    factory=factory,
                    name=form.cleaned_data["name"],
                    expires_at=form.cleaned_data["expires_at"],
                )
                self.log_addition(request, key, [{"added": {}}])
                response = TemplateResponse(
                    request,
                    "admin/c2m/api_key_created.html",
                    {**context, "title": "API key created", "key": key, "plain": plain},
                )
                response["Cache-Control"] = "no-store"
                return response
        return TemplateResponse(request, "admin/c2m/api_key_form.html", context)

    @admin.action(description="Revoke selected keys", permissions=["operate"])
    def revoke(self, request: HttpRequest, queryset) -> None:
        for key in queryset:
            api_key_revoke(key=key)
        self.message_user(request, f"Revoked {queryset.count()} key(s).", messages.SUCCESS)


@admin.register(Recipe)
class RecipeAdmin(PlatformAdmin):
    list_display = ["product_sku", "capabilities", "lead_days", "updated_at"]
    search_fields = ["product_sku"]

    def get_urls(self) -> list:
        from backoffice.admin.preview import preview_view

        view = self.admin_site.admin_view(preview_view)
        return [
            path("preview/<slug:sku>/", view, name="production_recipe_preview"),
            *super().get_urls(),
        ]
