"""The shop's own pages in the admin: operators edit their text in English and Chinese,
saved through ``shop_page_update``; the four pages are fixed (the footer links to them)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html

from backoffice.admin.policy import PlatformAdmin
from c2m.errors import ApplicationError
from orders.models import ShopPage
from orders.services.shop_pages import shop_page_update


@admin.register(ShopPage)
class ShopPageAdmin(PlatformAdmin):
    operator_permissions = frozenset({"view", "change"})
    list_display = ["title", "slug", "title_zh", "updated_at", "view_on_site_link"]
    fields = ["slug", "title", "body", "title_zh", "body_zh", "updated_at"]
    readonly_fields = ["slug", "updated_at"]

    @admin.display(description="page")
    def view_on_site_link(self, obj: ShopPage) -> str:
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj.get_absolute_url())

    def save_model(self, request, obj, form, change) -> None:
        data = form.cleaned_data
        try:
            shop_page_update(
                slug=obj.slug,
                title=data["title"],
                body=data["body"],
                title_zh=data.get("title_zh", ""),
                body_zh=data.get("body_zh", ""),
            )
        except ApplicationError as error:
            messages.error(request, error.detail)
