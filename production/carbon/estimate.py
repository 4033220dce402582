"""kg CO2e of one work order from its bill of materials, minutes and shipment: pure.

- Materials: each BOM line's total quantity × the mass of one unit × kg CO2e per kg of
  the longest matching material prefix (a line with no factor, or another unit, is listed
  in ``uncounted`` and adds nothing).
- Energy: minutes per work-centre type / 60 × the centre's power draw (kW) = kWh, × the
  grid factor (kg CO2e/kWh) of the plant's region. A measured kWh replaces the estimate.
- Transport: the shipment's mass (the materials' mass) in tonnes × great-circle distance
  from the plant to the customer × the mode's kg CO2e per tonne-km.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

KG = Decimal("0.001")


@dataclass(frozen=True)
class MaterialFactor:
    unit: str
    mass_kg: Decimal
    kg_per_kg: Decimal


@dataclass(frozen=True)
class FactorSet:
    """The factors that apply to one work order at one plant."""

    materials: Mapping[str, MaterialFactor]
    grid_key: str
    grid_kg_per_kwh: Decimal
    grid_year: int | None
    transport_mode: str
    transport_kg_per_tkm: Decimal


@dataclass(frozen=True)
class CarbonInputs:
    """What is made: BOM lines (``material``, ``unit``, total ``quantity``), minutes per
    work-centre type, the draw of each type (kW) and the distance shipped (km)."""

    bill_of_materials: Sequence[Mapping[str, Any]]
    minutes_by_centre: Mapping[str, Decimal]
    power_kw: Mapping[str, Decimal]
    distance_km: Decimal
    measured_kwh: Decimal | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def carbon_estimate(inputs: CarbonInputs, factors: FactorSet) -> dict[str, Any]:
    """The footprint as JSON-ready strings: ``materials_kg``, ``energy_kg``,
    ``transport_kg``, ``total_kg``, ``energy_kwh`` (with ``energy_measured``), the grid and
    transport factors used, and the materials that had no factor (``uncounted``)."""
    materials_kg, mass_kg, uncounted = Decimal(0), Decimal(0), []
    for line in inputs.bill_of_materials:
        factor = _material_factor(str(line.get("material", "")), factors.materials)
        if factor is None or factor.unit != line.get("unit"):
            uncounted.append(str(line.get("material", "")))
            continue
        mass = Decimal(str(line.get("quantity", "0"))) * factor.mass_kg
        mass_kg += mass
        materials_kg += mass * factor.kg_per_kg
    if inputs.measured_kwh is not None:
        kwh = inputs.measured_kwh
    else:
        kwh = sum(
            (
                Decimal(minutes) / 60 * inputs.power_kw.get(centre, Decimal(0))
                for centre, minutes in inputs.minutes_by_centre.items()
            ),
            Decimal(0),
        )
    energy_kg = kwh * factors.grid_kg_per_kwh
    transport_kg = mass_kg / 1000 * inputs.distance_km * factors.transport_kg_per_tkm
    return {
        "materials_kg": _kg(materials_kg),
        "energy_kg": _kg(energy_kg),
        "transport_kg": _kg(transport_kg),
        "total_kg": _kg(materials_kg + energy_kg + transport_kg),
        "energy_kwh": _kg(kwh),
        "energy_measured": inputs.measured_kwh is not None,
        "grid": {
            "region": factors.grid_key,
            "kg_per_kwh": _plain(factors.grid_kg_per_kwh),
            "year": factors.grid_year,
        },
        "transport": {
            "mode": factors.transport_mode,
            "distance_km": str(inputs.distance_km.quantize(Decimal(1))),
            "mass_kg": _kg(mass_kg),
            "kg_per_tkm": _plain(factors.transport_kg_per_tkm),
        },
        "uncounted": sorted(set(uncounted)),
        **inputs.extra,
    }


def energy_kg_for_kwh(footprint: Mapping[str, Any], kwh: Decimal) -> dict[str, Any]:
    """``footprint`` with its energy replaced by a measured ``kwh`` at the same grid factor."""
    factor = Decimal(footprint["grid"]["kg_per_kwh"])
    energy = kwh * factor
    total = Decimal(footprint["materials_kg"]) + Decimal(footprint["transport_kg"]) + energy
    return {
        **footprint,
        "energy_kwh": _kg(kwh),
        "energy_kg": _kg(energy),
        "energy_measured": True,
        "total_kg": _kg(total),
    }


def _material_factor(code: str, factors: Mapping[str, MaterialFactor]) -> MaterialFactor | None:
    best = ""
    for prefix in factors:
        if (code == prefix or code.startswith(prefix + "-")) and len(prefix) > len(best):
            best = prefix
    return factors[best] if best else None


def _kg(value: Decimal) -> str:
    return str(value.quantize(KG, ROUND_HALF_UP))


def _plain(value: Decimal) -> str:
    """A factor as published: 0.386900 → "0.3869", 0E-6 → "0"."""
    return f"{value.normalize():f}"
