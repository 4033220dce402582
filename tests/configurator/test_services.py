"""Paid services as catalog data: priced as the shopper sees them, checked when defined."""

from __future__ import annotations

from decimal import Decimal

import pytest

from configurator import DefinitionError, price, validate, warranty_months
from demo.catalog import demo_definitions

from .builders import option, product, product_dict, raw, value

TABLE = next(d for d in demo_definitions() if d.sku == "TABLE-SOLID")
OAK_120_80 = {"width": "120", "depth": "80", "wood": "oak"}


def _priced(quantity, **options):
    validation = validate(TABLE, raw(quantity, **options))
    assert validation.errors == ()
    return price(TABLE, validation.configuration), validation.configuration


def test_services_the_shopper_ticks_are_service_lines_and_the_total_adds_them():
    breakdown, _ = _priced(1, **OAK_120_80, services=["assembly", "design_help"])

    lines = {line.code: line for line in breakdown.lines}
    # ¥800 base + 0.96 m² × ¥1,800 + ¥180 assembly per table; ¥200 delivery + ¥88 design once
    assert lines["service_assembly"].amount == Decimal("180.00")
    assert lines["service_assembly"].per_unit
    assert lines["service_assembly"].reason["en"] == "Service, per piece"
    assert lines["service_design_help"].amount == Decimal("88.00")
    assert not lines["service_design_help"].per_unit
    assert lines["service_design_help"].label.zh_hans == "设计师协助"
    assert breakdown.unit_price == Decimal("2708.00")
    assert breakdown.total == Decimal("2996.00")


def test_services_not_ticked_cost_nothing():
    breakdown, _ = _priced(1, **OAK_120_80)

    assert not [line for line in breakdown.lines if line.code.startswith("service_")]
    assert breakdown.total == Decimal("2728.00")


def test_the_volume_discount_is_on_the_tables_not_on_the_services():
    breakdown, _ = _priced(4, **OAK_120_80, services=["assembly"])

    # 5% of the ¥2,528 table only: −¥126.40; unit 2528 + 180 − 126.40 = 2581.60
    assert {line.code: line.amount for line in breakdown.lines}["multi_table"] == Decimal("-126.40")
    assert breakdown.unit_price == Decimal("2581.60")
    assert breakdown.total == Decimal("10526.40")  # 4 × 2581.60 + ¥200 delivery


def test_the_warranty_is_the_products_plus_the_extension_bought():
    _, plain = _priced(1, **OAK_120_80)
    _, extended = _priced(1, **OAK_120_80, services=["extended_warranty"])

    assert warranty_months(TABLE, plain.values) == 12
    assert warranty_months(TABLE, extended.values) == 36


def _service(**fields):
    return {
        "code": "wrap",
        "kind": "service",
        "service": "gift_wrap",
        "label": {"en": "Gift wrap", "zh-hans": "礼品包装"},
        "amount": "10.00",
        "when": {"option": "services", "values": ["wrap"]},
        **fields,
    }


SERVICES = option("services", "multi_choice", values=[value("wrap")])


def test_a_service_definition_round_trips():
    plant = _service(fulfilment="plant", capability="pack", work_centre="packing", minutes="3")
    definition = product([SERVICES], price_components=[plant], warranty_months=6)

    again = type(definition).from_dict(definition.to_dict())

    assert again == definition and again.warranty_months == 6
    assert again.price_components[0].minutes == Decimal("3")


def test_express_production_is_a_plant_service_without_an_operation_and_round_trips():
    express = _service(fulfilment="plant", express=True, per_unit=False)
    definition = product([SERVICES], price_components=[express])

    again = type(definition).from_dict(definition.to_dict())

    assert again == definition
    assert again.price_components[0].express and not again.price_components[0].capability


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"fulfilment": "courier"}, "fulfilment: must be one of plant, platform"),
        ({"fulfilment": "plant"}, "capability: must be a non-empty string"),
        ({"fulfilment": "platform", "minutes": "5"}, "only a plant service has"),
        ({"fulfilment": "platform", "amount": "-5"}, "must not be negative"),
        ({"fulfilment": "platform", "when": None}, "needs the choice that orders it"),
        ({"fulfilment": "platform", "express": True}, "express production is made by a plant"),
        (
            {"fulfilment": "plant", "express": True, "capability": "pack"},
            "express production is a lane, not an operation",
        ),
    ],
)
def test_a_malformed_service_is_refused_with_its_problem(fields, problem):
    data = product_dict([SERVICES], price_components=[_service(**fields)])

    with pytest.raises(DefinitionError) as refused:
        type(TABLE).from_dict(data)

    assert any(problem in p for p in refused.value.problems), refused.value.problems
