"""The order page says the order's carbon footprint, reported by production per work order."""

from decimal import Decimal

import pytest

from production.models import WorkOrder
from tests.orders.order_page.conftest import page_of, section, text_of

pytestmark = pytest.mark.django_db


def _sum(part: str) -> Decimal:
    return sum(Decimal(wo.carbon[part]) for wo in WorkOrder.objects.all())


def test_the_shopper_sees_the_footprint_in_kilograms_and_car_kilometres(client, made_order):
    text = text_of(section(page_of(client, made_order.order), "order-footprint"))

    total = _sum("total_kg")
    # Six stainless tumblers with their cartons: 6 × (0.35 × 6.0 + 0.15 × 1.0) = 13.50 kg.
    assert "Materials: 13.50 kg" in text
    assert f"About {total.quantize(Decimal('0.1'))} kg CO₂e to make and deliver" in text
    car_km = round(total / Decimal("0.17"))
    assert f"driving an average petrol car {car_km} km" in text
    assert "An estimate from published emission factors" in text


def test_measured_electricity_is_said_once_every_plant_reported_it(client, made_order):
    from production.services.carbon import work_order_energy_report

    for wo in (made_order.part_one, made_order.part_two, made_order.second_line):
        wo.refresh_from_db()
        work_order_energy_report(
            factory=wo.factory, work_order_id=wo.pk, kwh=Decimal("2"), actor="t"
        )
    text = text_of(section(page_of(client, made_order.order), "order-footprint"))
    assert "The factory measured the electricity it used" in text


def test_a_chinese_reader_reads_it_in_chinese(client, made_order):
    text = text_of(section(page_of(client, made_order.order, "zh-hans"), "order-footprint"))
    assert "碳足迹" in text
    assert "材料：13.50 千克" in text


def test_no_footprint_before_a_plant_was_chosen(client, tumbler):
    from tests.orders.conftest import fill_cart, place

    order = place(fill_cart(tumbler))
    assert 'class="order-footprint' not in page_of(client, order)
