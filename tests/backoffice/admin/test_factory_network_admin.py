"""Operators keep a plant's network data in its admin page: shipping origin, minute rates,
materials and the days it is closed; a closure takes that day's minutes off the capacity
calendar at once."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from production.models import CapacityDay, FactoryMaterial, WorkCentre
from production.services.capacity_calendar import capacity_materialize
from tests.backoffice.admin.form_data import form_data

pytestmark = pytest.mark.django_db


def test_operator_sets_rates_materials_and_a_maintenance_day(as_operator, plant_a):
    centre = WorkCentre.objects.filter(factory=plant_a).order_by("type").first()
    capacity_materialize(factory_id=plant_a.pk)
    url = f"/admin/production/factory/{plant_a.pk}/change/"
    # The next weekday: weekends already have no minutes
    day = timezone.localdate() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    data = form_data(as_operator.get(url).content.decode())

    # When the operator raises the printer's rate, adds a material and a maintenance day
    [row] = [k for k, v in data.items() if k.endswith("-type") and v == [centre.type]]
    data[row.replace("-type", "-cost_per_minute")] = ["1.2500"]
    data["ship_from_latitude"], data["ship_from_longitude"] = ["22.600000"], ["114.100000"]
    data |= {
        "materials-TOTAL_FORMS": ["1"],
        "materials-0-material": ["cotton-tee-blank"],
        "materials-0-unit_cost": ["12.50"],
        "closures-TOTAL_FORMS": ["1"],
        "closures-0-day": [day.isoformat()],
        "closures-0-centre_type": [centre.type],
        "closures-0-kind": ["maintenance"],
        "closures-0-note": ["print head service"],
    }
    response = as_operator.post(url, data)

    # Then everything is kept, and that day offers no printing minutes any more
    errors = re.findall(r'class="errorlist[^>]*>(.*?)</ul>', response.content.decode(), re.S)
    assert response.status_code == 302, errors
    plant_a.refresh_from_db()
    assert plant_a.ship_from_latitude == Decimal("22.6")
    centre.refresh_from_db()
    assert centre.cost_per_minute == Decimal("1.25")
    assert FactoryMaterial.objects.get(factory=plant_a).unit_cost == Decimal("12.50")
    closed = CapacityDay.objects.get(factory=plant_a, centre_type=centre.type, day=day)
    assert closed.available_minutes == 0 and "maintenance" in closed.note
