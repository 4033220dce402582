"""A factory's work centres (with their minute rates) and the materials it stocks."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db import transaction

from production.models import Factory, FactoryMaterial, WorkCentre


def factory_work_centres_set(
    *, factory: Factory, centres: Mapping[str, Mapping[str, Any]]
) -> list[WorkCentre]:
    """Create or update the factory's work centres by type.

    ``centres`` maps a type to ``default_minutes_per_day``, ``works_weekends``,
    ``cost_per_minute`` and ``name`` (all optional). Types not listed are left alone.
    """
    out = []
    with transaction.atomic():
        for centre_type, fields in sorted(centres.items()):
            defaults = dict(fields)
            if "cost_per_minute" in defaults:
                defaults["cost_per_minute"] = Decimal(str(defaults["cost_per_minute"]))
            centre, _ = WorkCentre.objects.update_or_create(
                factory=factory, type=centre_type, defaults=defaults
            )
            out.append(centre)
    return out


def factory_materials_set(
    *, factory: Factory, materials: Mapping[str, Decimal | str | float]
) -> None:
    """Make ``materials`` (material -> cost per unit) exactly what the factory stocks."""
    with transaction.atomic():
        FactoryMaterial.objects.filter(factory=factory).exclude(material__in=materials).delete()
        for material, unit_cost in materials.items():
            FactoryMaterial.objects.update_or_create(
                factory=factory,
                material=material,
                defaults={"unit_cost": Decimal(str(unit_cost))},
            )
