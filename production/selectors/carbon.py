"""The emission factors that apply to a work order at a plant (read from ``EmissionFactor``)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from production.carbon import FactorSet
from production.carbon import factors as defaults
from production.carbon.estimate import MaterialFactor
from production.carbon.factors import DEFAULT_POWER_KW, GRID_REGIONS, TYPICAL_POWER_KW
from production.geo.china import locate
from production.models import EmissionFactor, EmissionFactorKind, Factory, WorkCentre

# Express parcels travelling further than this go by air; everything else by road.
AIR_ABOVE_KM = 1000
K = EmissionFactorKind


def grid_region(factory: Factory) -> str:
    """The grid a plant draws from: its Chinese regional grid (from the province of its
    city), ``CN`` when the city is not found, else its country code."""
    if factory.country.upper() != "CN":
        return factory.country.upper()
    division = locate(city=factory.city)
    if division is None:
        return "CN"
    for region, provinces in GRID_REGIONS.items():
        if division.province in provinces:
            return region
    return "CN"


def transport_mode(*, shipping_method: str, distance_km: float) -> str:
    return "air" if shipping_method == "express" and distance_km > AIR_ABOVE_KM else "road"


def emission_factors() -> list[EmissionFactor]:
    """The factors in force: the operators' rows, and for any key without a row the
    default of ``production.carbon.factors`` (unsaved rows). One query."""
    rows = {(r.kind, r.key): r for r in EmissionFactor.objects.all()}
    for row in default_factors():
        rows.setdefault((row.kind, row.key), row)
    return list(rows.values())


def default_factors() -> list[EmissionFactor]:
    """``production.carbon.factors`` as (unsaved) ``EmissionFactor`` rows."""
    rows = [
        EmissionFactor(kind=K.ELECTRICITY, key=k, label=lb, kg_co2e=Decimal(v), year=y, source=s)
        for k, lb, v, y, s in defaults.ELECTRICITY
    ]
    rows += [
        EmissionFactor(
            kind=K.MATERIAL,
            key=k,
            label=lb,
            bom_unit=unit,
            mass_kg=Decimal(mass),
            kg_co2e=Decimal(v),
            year=y,
            source=s,
        )
        for k, lb, unit, mass, v, y, s in defaults.MATERIALS
    ]
    rows += [
        EmissionFactor(kind=K.TRANSPORT, key=k, label=lb, kg_co2e=Decimal(v), year=y, source=s)
        for k, lb, v, y, s in defaults.TRANSPORT
    ]
    return rows


def carbon_factors(*, factory: Factory, mode: str) -> FactorSet:
    """Materials, the plant's grid factor (its region's, else the country's or China's
    national one; 0 when none is known) and the transport mode's factor."""
    rows = emission_factors()
    materials = {
        r.key: MaterialFactor(unit=r.bom_unit, mass_kg=r.mass_kg, kg_per_kg=r.kg_co2e)
        for r in rows
        if r.kind == K.MATERIAL and r.mass_kg is not None
    }
    grids = {r.key: r for r in rows if r.kind == K.ELECTRICITY}
    region = grid_region(factory)
    grid = grids.get(region) or grids.get(region.split("-")[0])
    transport = {r.key: r.kg_co2e for r in rows if r.kind == K.TRANSPORT}
    return FactorSet(
        materials=materials,
        grid_key=grid.key if grid else region,
        grid_kg_per_kwh=grid.kg_co2e if grid else Decimal(0),
        grid_year=grid.year if grid else None,
        transport_mode=mode,
        transport_kg_per_tkm=transport.get(mode, Decimal(0)),
    )


def centre_power(*, factory: Factory, centres: Iterable[str]) -> dict[str, Decimal]:
    """kW per work-centre type: the plant's own figure, else the type's typical draw."""
    own = dict(
        WorkCentre.objects.filter(
            factory=factory, type__in=list(centres), power_kw__isnull=False
        ).values_list("type", "power_kw")
    )
    return {c: own.get(c) or Decimal(TYPICAL_POWER_KW.get(c, DEFAULT_POWER_KW)) for c in centres}
