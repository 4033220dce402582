"""Products in the admin: a definition is validated, and saved through product_upsert."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from backoffice.admin.policy import PlatformAdmin
from c2m.tabular import SpreadsheetResource, table_response
from orders.models import Product
from orders.services.catalog import DISPLAY_FIELDS, product_upsert
from orders.services.definitions import definition_problems

PRODUCT_COLUMNS = [
    "sku",
    "name",
    "name_zh",
    "description",
    "currency",
    "base_price",
    "default_lead_days",
    "is_active",
    "definition",
]
PRODUCT_FIELDS = list(DISPLAY_FIELDS)


class ProductResource(SpreadsheetResource):
    """Products as operators' spreadsheets hold them: one row per SKU."""

    class Meta:
        model = Product
        fields = PRODUCT_COLUMNS
        export_order = PRODUCT_COLUMNS

    def filter_export(self, queryset: QuerySet, **kwargs: Any) -> QuerySet:
        return queryset.order_by("sku")

    def dehydrate_is_active(self, product: Product) -> str:
        return "yes" if product.is_active else "no"

    def dehydrate_definition(self, product: Product) -> str:
        return json.dumps(product.definition, ensure_ascii=False, sort_keys=True)


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["sku", *PRODUCT_FIELDS, "definition"]

    def clean_definition(self) -> dict:
        definition = self.cleaned_data["definition"]
        sku = self.cleaned_data.get("sku") or (self.instance.sku if self.instance.pk else None)
        if isinstance(definition, dict) and sku:
            definition = {**definition, "sku": sku}
        problems = definition_problems(definition)
        if problems:
            raise forms.ValidationError(problems)
        return definition


@admin.register(Product)
class ProductAdmin(PlatformAdmin):
    form = ProductForm
    list_display = ["sku", "name", "base_price", "currency", "definition_version", "is_active"]
    list_filter = ["is_active", "currency"]
    search_fields = ["sku", "name", "name_zh"]
    readonly_fields = [
        "name",
        "currency",
        "base_price",
        "default_lead_days",
        "definition_version",
        "preview",
        "updated_at",
    ]
    actions = ["export_csv", "export_xlsx"]
    change_list_template = "admin/c2m/change_list_with_import.html"
    import_kind = "products"

    def get_readonly_fields(self, request, obj=None) -> list[str]:
        # The SKU names the product in every order snapshot: fixed once created.
        return [*self.readonly_fields, "sku"] if obj else self.readonly_fields

    @admin.display(description="try a configuration")
    def preview(self, obj: Product) -> str:
        if not obj.pk:
            return "—"
        try:
            url = reverse("admin:production_recipe_preview", args=[obj.sku])
        except NoReverseMatch:
            return "—"
        return format_html('<a href="{}">Price and work-order preview</a>', url)

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        saved = product_upsert(
            sku=obj.sku,
            definition=data["definition"],
            **{f: data[f] for f in PRODUCT_FIELDS if f in data},
        )
        obj.pk = saved.pk
        obj.definition_version = saved.definition_version
        obj._state.adding = False

    @admin.action(description="Export selected as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        resource = ProductResource()
        return table_response(resource=resource, queryset=queryset, filename="products", fmt="csv")

    @admin.action(description="Export selected as XLSX", permissions=["view"])
    def export_xlsx(self, request, queryset):
        resource = ProductResource()
        return table_response(resource=resource, queryset=queryset, filename="products", fmt="xlsx")
