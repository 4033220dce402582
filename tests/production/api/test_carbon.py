"""A work order's carbon footprint: estimated from data when offered, measured by the plant.

The figures below are computed by hand from the default factors (production.carbon.factors):
the engraved tumbler's bill of materials is one stainless tumbler blank (0.35 kg × 6.0 kg
CO2e/kg = 2.100) and one carton (0.15 kg × 1.0 = 0.150): 2.250 kg. Its 1.3 packing and
0.3 QC minutes at 0.1 kW are 0.00267 kWh, × 0.3869 (China Southern grid, 2022: the plant is
in Shenzhen) = 0.001 kg. The parcel (0.5 kg) goes 1,213 km by road to Shanghai at 0.11 kg
per tonne-km: 0.067 kg. Total 2.318 kg.
"""

from decimal import Decimal

import pytest

from orders.models import Order
from production.models import EmissionFactor, WorkOrder, WorkOrderEvent
from production.selectors.carbon import grid_region
from production.services.factory_actions import work_order_accept
from tests.factories import PlantFactory
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db


def energy(client, key, work_order, body, **headers):
    return client.post(
        f"{API}work-orders/{work_order.pk}/energy/",
        body,
        "application/json",
        **auth(key),
        **headers,
    )


def test_an_offered_work_order_carries_its_footprint_and_the_order_knows_it(offered):
    carbon = WorkOrder.objects.get(pk=offered.pk).carbon
    assert (carbon["materials_kg"], carbon["energy_kg"], carbon["transport_kg"]) == (
        "2.250",
        "0.001",
        "0.067",
    )
    assert carbon["total_kg"] == "2.318"
    assert carbon["grid"] == {"region": "CN-south", "kg_per_kwh": "0.3869", "year": 2022}
    assert carbon["transport"]["mode"] == "road"
    footprint = Order.objects.get(pk=offered.order_id).footprint
    assert footprint[offered.number]["total_kg"] == "2.318"


def test_an_operator_changing_a_factor_changes_the_next_estimate(make_offered):
    EmissionFactor.objects.filter(kind="material", key="tumbler-blank").update(
        kg_co2e=Decimal("3.0")
    )
    carbon = make_offered().carbon
    assert carbon["materials_kg"] == "1.200"  # 0.35 × 3.0 + 0.15 × 1.0


@pytest.mark.parametrize(
    ("city", "country", "region"),
    [
        ("Guangzhou", "CN", "CN-south"),
        ("Hangzhou", "CN", "CN-east"),
        ("Beijing", "CN", "CN-north"),
        ("Chengdu", "CN", "CN-southwest"),
        ("Leipzig", "DE", "DE"),
    ],
)
def test_a_plant_draws_from_its_regional_grid(city, country, region):
    assert grid_region(PlantFactory(city=city, country=country, minutes_per_day=0)) == region


def test_measured_energy_replaces_the_estimate_once(client, offered, plant, factory_key):
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    first = energy(client, factory_key, offered, {"kwh": "5"}, HTTP_IDEMPOTENCY_KEY="m-1")
    replay = energy(client, factory_key, offered, {"kwh": "5"}, HTTP_IDEMPOTENCY_KEY="m-1")
    again = energy(client, factory_key, offered, {"kwh": "5.000"})

    assert first.status_code == replay.status_code == again.status_code == 200
    carbon = first.json()["carbon"]
    # 5 kWh × 0.3869 = 1.935 kg; materials and transport unchanged.
    assert (carbon["energy_kwh"], carbon["energy_kg"], carbon["total_kg"]) == (
        "5.000",
        "1.935",
        "4.252",
    )
    assert carbon["energy_measured"] is True
    assert replay["Idempotent-Replayed"] == "true"
    assert WorkOrderEvent.objects.filter(work_order=offered, type="energy_reported").count() == 1
    order = Order.objects.get(pk=offered.order_id)
    assert order.footprint[offered.number]["total_kg"] == "4.252"
    assert order.footprint[offered.number]["energy_measured"] is True


def test_energy_for_an_offer_not_yet_accepted_is_a_409(client, offered, factory_key):
    response = energy(client, factory_key, offered, {"kwh": "5"})
    assert response.status_code == 409
    assert response.json()["code"] == "not_in_hand"


@pytest.mark.parametrize(
    "body", [{}, {"kwh": "-1"}, {"kwh": "lots"}, {"kwh": "1e9"}, {"kwh": None}, {"kwh": []}]
)
def test_bad_energy_readings_are_field_errors(client, offered, plant, factory_key, body):
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    response = energy(client, factory_key, offered, body)
    assert response.status_code == 400
    assert set(response.json()) >= {"code", "detail", "errors"}
    assert "kwh" in response.json()["errors"]
    assert WorkOrder.objects.get(pk=offered.pk).carbon["energy_measured"] is False


def test_another_plants_work_order_is_not_found(client, offered, plant, other_key):
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    assert energy(client, other_key, offered, {"kwh": "5"}).status_code == 404
