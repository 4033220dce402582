"""Scoping every factory-facing admin to the signed-in factory-staff user's factory.

One mixin does it all, so no admin can forget a path: the queryset (lists, searches,
filters, autocompletes, raw-id pop-ups, actions, exports, change, delete and history pages
all start from it), 404 for another factory's object, foreign-key choices, URL lookups,
the factory filter, and what each role may do.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from backoffice.admin.policy import PlatformAdmin
from c2m.roles import is_operator, staff_factory_id
from c2m.tabular import SpreadsheetResource, table_response
from production.models import Factory, WorkOrder


class FactoryScopedAdmin(PlatformAdmin):
    """Operators see everything; factory staff see their factory's rows only."""

    # The lookup from this model to its factory.
    factory_path = "factory"
    # What factory staff may do here (operators: ``operator_permissions``).
    factory_staff_permissions: frozenset[str] = frozenset({"view"})
    # Fields factory staff may search on (None: ``search_fields``).
    factory_staff_search_fields: tuple[str, ...] | None = None
    export_name = "export"

    def role_allows(self, request: HttpRequest, action: str) -> bool:
        if staff_factory_id(request.user) is not None:
            return action in self.factory_staff_permissions
        return super().role_allows(request, action)

    def scope(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        """``queryset`` narrowed to what this user may see."""
        factory_id = staff_factory_id(request.user)
        if factory_id is not None:
            return queryset.filter(**{self.factory_path: factory_id})
        if is_operator(request.user):
            return queryset
        return queryset.none()

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return self.scope(request, super().get_queryset(request))

    def get_object(self, request: HttpRequest, object_id: str, from_field: Any = None) -> Any:
        # get_queryset already narrows; re-checking keeps a future override honest.
        obj = super().get_object(request, object_id, from_field)
        if (
            obj is not None
            and not self.scope(request, self.model.objects.filter(pk=obj.pk)).exists()
        ):
            return None
        return obj

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return self.scope(request, queryset), may_have_duplicates

    def get_search_fields(self, request: HttpRequest) -> list[str] | tuple[str, ...]:
        if staff_factory_id(request.user) is not None and self.factory_staff_search_fields:
            return self.factory_staff_search_fields
        return super().get_search_fields(request)

    def get_list_filter(self, request: HttpRequest) -> list[Any]:
        filters = list(super().get_list_filter(request))
        if staff_factory_id(request.user) is not None:
            top = self.factory_path.split("__")[0]
            filters = [f for f in filters if not (isinstance(f, str) and f.startswith(top))]
        return filters

    def lookup_allowed(self, lookup: str, value: str, request: HttpRequest) -> bool:
        # Factory staff may filter only on the offered filters, so no URL lookup can probe
        # hidden fields (the customer's address) or other factories.
        if request is not None and staff_factory_id(request.user) is not None:
            allowed = {
                f.split("__")[0] for f in self.get_list_filter(request) if isinstance(f, str)
            }
            if self.date_hierarchy:
                allowed.add(self.date_hierarchy)
            if lookup.split("__")[0] not in allowed:
                return False
        return super().lookup_allowed(lookup, value, request)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs: Any):
        factory_id = staff_factory_id(request.user)
        if factory_id is not None:
            if db_field.related_model is Factory:
                kwargs["queryset"] = Factory.objects.filter(pk=factory_id)
            elif db_field.related_model is WorkOrder:
                kwargs["queryset"] = WorkOrder.objects.filter(factory_id=factory_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # --- export -------------------------------------------------------------------------
    def export_resource(self, request: HttpRequest) -> SpreadsheetResource:
        """The export's columns and rows; each exporting admin names its own."""
        raise NotImplementedError(f"{type(self).__name__} exports nothing")

    def export_response(self, request: HttpRequest, queryset: QuerySet, fmt: str) -> HttpResponse:
        # Re-scoped: an action's queryset comes from get_queryset, but an export must never
        # depend on that alone.
        queryset = self.scope(request, queryset)
        return table_response(
            resource=self.export_resource(request),
            queryset=queryset,
            filename=self.export_name,
            fmt=fmt,
        )

    @admin.action(description="Export selected as CSV", permissions=["view"])
    def export_csv(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return self.export_response(request, queryset, "csv")

    @admin.action(description="Export selected as XLSX", permissions=["view"])
    def export_xlsx(self, request: HttpRequest, queryset: QuerySet) -> HttpResponse:
        return self.export_response(request, queryset, "xlsx")

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.role_allows(request, "view") or self.role_allows(request, "change")
