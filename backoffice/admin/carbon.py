"""Emission factors: data operators keep, each with its source and year."""

from __future__ import annotations

from django.contrib import admin

from backoffice.admin.policy import PlatformAdmin
from production.models import EmissionFactor


@admin.register(EmissionFactor)
class EmissionFactorAdmin(PlatformAdmin):
    list_display = ["kind", "key", "label", "kg_co2e", "bom_unit", "mass_kg", "year", "updated_at"]
    list_filter = ["kind", "year"]
    search_fields = ["key", "label", "source"]
    fields = ["kind", "key", "label", "kg_co2e", "bom_unit", "mass_kg", "year", "source"]
