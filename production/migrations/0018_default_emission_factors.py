"""The platform's default emission factors (production.carbon.factors, version 2026-12)."""

from decimal import Decimal

from django.db import migrations

from production.carbon import factors as defaults


def load(apps, schema_editor):
    EmissionFactor = apps.get_model("production", "EmissionFactor")
    rows = [
        EmissionFactor(
            kind="electricity", key=key, label=label, kg_co2e=Decimal(v), year=year, source=src
        )
        for key, label, v, year, src in defaults.ELECTRICITY
    ]
    rows += [
        EmissionFactor(
            kind="material",
            key=key,
            label=label,
            bom_unit=unit,
            mass_kg=Decimal(mass),
            kg_co2e=Decimal(v),
            year=year,
            source=src,
        )
        for key, label, unit, mass, v, year, src in defaults.MATERIALS
    ]
    rows += [
        EmissionFactor(
            kind="transport", key=key, label=label, kg_co2e=Decimal(v), year=year, source=src
        )
        for key, label, v, year, src in defaults.TRANSPORT
    ]
    EmissionFactor.objects.bulk_create(rows, ignore_conflicts=True)


def unload(apps, schema_editor):
    apps.get_model("production", "EmissionFactor").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("production", "0017_carbon_footprint_and_emission_factors")]

    operations = [migrations.RunPython(load, unload)]
