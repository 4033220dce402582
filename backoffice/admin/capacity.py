"""Capacity in the admin: days and shipments lists, and the 60-day calendar editor."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from import_export.fields import Field

from backoffice.admin.actions import admin_actor
from backoffice.admin.scoping import FactoryScopedAdmin
from c2m.errors import ApplicationError
from c2m.roles import staff_factory_id
from c2m.tabular import SpreadsheetResource
from production.models import CapacityDay, Factory, Shipment, WorkCentre
from production.services.capacity import CapacityChange, capacity_publish

CALENDAR_DAYS = 60


class CapacityDayResource(SpreadsheetResource):
    factory = Field(attribute="factory__code", column_name="factory")

    class Meta:
        model = CapacityDay
        fields = ["factory", "centre_type", "day", "available_minutes", "reserved_minutes"]
        export_order = fields

    def filter_export(self, queryset: QuerySet, **kwargs: Any) -> QuerySet:
        return queryset.select_related("factory").order_by("factory", "day", "centre_type")


class ShipmentResource(SpreadsheetResource):
    work_order = Field(attribute="work_order__number", column_name="work_order")
    order_number = Field(attribute="work_order__order_number", column_name="order_number")

    class Meta:
        model = Shipment
        fields = ["work_order", "order_number", "carrier", "tracking_number", "created_at"]
        export_order = fields

    def filter_export(self, queryset: QuerySet, **kwargs: Any) -> QuerySet:
        return queryset.select_related("work_order").order_by("pk")


@admin.register(CapacityDay)
class CapacityDayAdmin(FactoryScopedAdmin):
    operator_permissions = frozenset({"view"})
    factory_staff_permissions = frozenset({"view"})
    export_name = "capacity"
    list_display = ["day", "centre_type", "available_minutes", "reserved_minutes", "note"]
    list_filter = ["centre_type", "factory"]
    date_hierarchy = "day"
    readonly_fields = ["factory", "centre_type", "day", "available_minutes", "reserved_minutes"]
    fields = [*readonly_fields, "note"]
    actions = ["export_csv", "export_xlsx"]

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        if staff_factory_id(request.user) is None:
            return ["factory", *self.list_display]
        return list(self.list_display)

    def export_resource(self, request: HttpRequest) -> CapacityDayResource:
        return CapacityDayResource()

    def get_urls(self) -> list:
        calendar = self.admin_site.admin_view(self.calendar_view)
        return [
            path("calendar/", calendar, name="production_capacityday_calendar"),
            *super().get_urls(),
        ]

    def calendar_view(self, request: HttpRequest) -> TemplateResponse | HttpResponseRedirect:
        """The next 60 days × work-centre types; factory staff edit theirs, operators any."""
        if not self.has_view_permission(request):
            raise Http404
        factory = self._calendar_factory(request)
        days = [timezone.localdate() + timedelta(days=n) for n in range(CALENDAR_DAYS)]
        types = list(
            WorkCentre.objects.filter(factory=factory)
            .order_by("type")
            .values_list("type", flat=True)
        )
        current = {
            (c.centre_type, c.day): c
            for c in CapacityDay.objects.filter(factory=factory, day__range=(days[0], days[-1]))
        }
        errors: dict[str, str] = {}
        if request.method == "POST":
            errors = self._save_calendar(request, factory, types, days, current)
            if not errors:
                return HttpResponseRedirect(request.get_full_path())
        rows = []
        for day in days:
            cells = []
            for centre_type in types:
                name = f"m_{centre_type}_{day.isoformat()}"
                capacity = current.get((centre_type, day))
                value: str | int | None = request.POST.get(name) if errors else None
                if value is None:
                    value = capacity.available_minutes if capacity else ""
                reserved = capacity.reserved_minutes if capacity else 0
                cells.append(
                    {
                        "name": name,
                        "value": value,
                        "reserved": reserved,
                        "error": errors.get(name, ""),
                    }
                )
            rows.append({"day": day, "weekend": day.weekday() >= 5, "cells": cells})
        context = {
            **self.admin_site.each_context(request),
            "title": f"Capacity calendar: {factory.name}",
            "opts": self.opts,
            "factory": factory,
            "factories": None if staff_factory_id(request.user) else Factory.objects.all(),
            "types": types,
            "rows": rows,
            "errors": errors,
        }
        return TemplateResponse(request, "admin/c2m/capacity_calendar.html", context)

    def _calendar_factory(self, request: HttpRequest) -> Factory:
        factory_id: str | int | None = staff_factory_id(request.user)
        if factory_id is None:
            factory_id = (
                request.GET.get("factory") or Factory.objects.values_list("pk", flat=True).first()
            )
        try:
            return Factory.objects.get(pk=int(factory_id or ""))
        except (TypeError, ValueError, Factory.DoesNotExist):
            raise Http404("No such factory.") from None

    def _save_calendar(self, request, factory, types, days, current) -> dict[str, str]:
        """Publish every changed cell, all or nothing; return errors by cell name."""
        errors: dict[str, str] = {}
        changed = []
        for day in days:
            for centre_type in types:
                name = f"m_{centre_type}_{day.isoformat()}"
                raw = (request.POST.get(name) or "").strip()
                if not raw:
                    continue
                if not raw.isdigit():
                    errors[name] = "Whole minutes from 0."
                    continue
                capacity = current.get((centre_type, day))
                if capacity is None or capacity.available_minutes != int(raw):
                    changed.append((name, centre_type, day, int(raw)))
        if changed and not errors:
            try:
                capacity_publish(
                    factory=factory,
                    changes=[CapacityChange(t, day, minutes) for _, t, day, minutes in changed],
                )
            except ApplicationError as exc:
                for index, problems in exc.errors.items():
                    name, centre_type, day, _ = changed[int(index)]
                    errors[name] = f"{centre_type} on {day.isoformat()}: {' '.join(problems)}"
        if errors:
            for message in list(errors.values())[:5]:
                self.message_user(request, message, messages.ERROR)
            self.message_user(
                request, "Nothing was saved; correct the marked days.", messages.ERROR
            )
        else:
            self.message_user(
                request, f"Saved {len(changed)} day(s) ({admin_actor(request)}).", messages.SUCCESS
            )
        return errors


@admin.register(Shipment)
class ShipmentAdmin(FactoryScopedAdmin):
    factory_path = "work_order__factory"
    operator_permissions = frozenset({"view"})
    factory_staff_permissions = frozenset({"view"})
    export_name = "shipments"
    list_display = ["work_order", "carrier", "tracking_number", "created_at"]
    list_select_related = ["work_order"]
    search_fields = ["tracking_number", "work_order__number", "work_order__order_number"]
    list_filter = ["carrier", "work_order__factory"]
    autocomplete_fields = ["work_order"]
    readonly_fields = ["work_order", "carrier", "tracking_number", "packages", "created_at"]
    actions = ["export_csv", "export_xlsx"]

    def export_resource(self, request: HttpRequest) -> ShipmentResource:
        return ShipmentResource()
