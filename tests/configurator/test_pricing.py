"""Prices customers see, computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from configurator import ConfigurationOutdated, lead_time_days, price, validate
from demo.catalog import DEMO_CONFIGURATIONS, demo_definitions

from .builders import option, product, raw, value


@pytest.fixture(scope="module")
def demo():
    return {d.sku: d for d in demo_definitions()}


def _priced(definition, raw_config):
    validation = validate(definition, raw_config)
    assert validation.errors == ()
    return price(definition, validation.configuration), validation.configuration


def _amounts(breakdown):
    return {line.code: line.amount for line in breakdown.lines}


def test_table_price_is_area_times_species_rate(demo):
    breakdown, _ = _priced(demo["TABLE-SOLID"], raw(width="120", depth="80", wood="oak"))

    # 1.20 m x 0.80 m = 0.96 m² x ¥1800.00 = ¥1728.00; base ¥800; delivery ¥200 once.
    assert _amounts(breakdown) == {
        "base": Decimal("800.00"),
        "top_area_oak": Decimal("1728.00"),
        "delivery": Decimal("200.00"),
    }
    line = breakdown.lines[1]
    assert line.reason["en"] == "0.96 m² \u00d7 ¥1,800.00/m²"
    assert breakdown.unit_price == Decimal("2528.00")
    assert breakdown.total == Decimal("2728.00")
    assert breakdown.currency == "CNY"


def test_table_quantity_break_takes_five_percent_off_from_four_tables(demo):
    config = raw(4, width="120", depth="80", wood="oak", top="glass")

    breakdown, _ = _priced(demo["TABLE-SOLID"], config)

    # unit 800 + 300 (glass) + 1728 = 2828; 5% = 141.40; unit 2686.60 x 4 = 10746.40; +200
    assert _amounts(breakdown)["multi_table"] == Decimal("-141.40")
    assert breakdown.unit_price == Decimal("2686.60")
    assert breakdown.subtotal == Decimal("10746.40")
    assert breakdown.one_off == Decimal("200.00")
    assert breakdown.total == Decimal("10946.40")


def test_tumbler_engraving_is_priced_per_character_plus_a_set_up_fee(demo):
    config = raw(3, finish="brushed", engraving="Li Wei 李伟")

    breakdown, _ = _priced(demo["TUMBLER-ENGRAVED"], config)

    # 7 non-space characters x ¥2.00 = ¥14.00 per piece; set-up ¥15.00 once.
    assert _amounts(breakdown)["engraving_chars"] == Decimal("14.00")
    assert breakdown.lines[-1].reason["zh-hans"] == "每个订单行收取一次"
    assert breakdown.unit_price == Decimal("143.00")
    assert breakdown.subtotal == Decimal("429.00")
    assert breakdown.total == Decimal("444.00")


def test_tshirt_demo_price(demo):
    breakdown, config = _priced(demo["TEE-PRINT"], DEMO_CONFIGURATIONS["TEE-PRINT"])

    # 59 + 5 (black) - 8 (screen) + 6 (label) + 1 (bag) + 15 (back) = 78; 5% off = 3.90
    assert breakdown.unit_price == Decimal("74.10")
    assert breakdown.subtotal == Decimal("1778.40")
    assert _amounts(breakdown)["screen_setup"] == Decimal("120.00")
    assert breakdown.total == Decimal("1898.40")
    assert lead_time_days(demo["TEE-PRINT"], config) == 7  # 5 + 2 for screen printing


def test_deltas_and_discounts_round_half_up_to_the_fen():
    definition = product(
        [option("size", "choice", values=[value("S", "0.005")], default="S")],
        price_components=[
            {
                "code": "breaks",
                "kind": "quantity_break",
                "label": {"en": "Breaks", "zh-hans": "阶梯价"},
                "tiers": [
                    {"min_quantity": 3, "percent_off": "12.5"},
                    {"min_quantity": 10, "base_price": "80.00"},
                ],
            }
        ],
        base_price="10.05",
    )

    one, _ = _priced(definition, raw(1))
    three, _ = _priced(definition, raw(3))
    ten, _ = _priced(definition, raw(10))

    assert _amounts(one) == {"base": Decimal("10.05"), "size.S": Decimal("0.01")}
    assert _amounts(three)["breaks"] == Decimal("-1.26")  # 12.5% of 10.06 = 1.2575
    assert three.unit_price == Decimal("8.80")
    assert _amounts(ten)["base"] == Decimal("80.00")
    assert ten.total == Decimal("800.10")


def test_a_per_unit_formula_skips_missing_optional_factors():
    definition = product(
        [option("length", "number", unit="cm", min="10", max="500", step="1")],
        price_components=[
            {
                "code": "per_metre",
                "kind": "per_unit",
                "label": {"en": "Length", "zh-hans": "长度"},
                "factors": ["length"],
                "conversion": "0.01",
                "rate": "33.33",
                "unit": "m",
            }
        ],
    )

    with_length, _ = _priced(definition, raw(length="125"))
    without, _ = _priced(definition, raw())

    # 1.25 m x ¥33.33 = ¥41.6625 -> ¥41.66
    assert _amounts(with_length)["per_metre"] == Decimal("41.66")
    assert "per_metre" not in _amounts(without)


def test_pricing_a_configuration_of_another_version_is_refused(demo):
    tumbler = demo["TUMBLER-ENGRAVED"]
    _, config = _priced(tumbler, raw(finish="brushed"))
    newer = type(tumbler).from_dict(tumbler.to_dict() | {"version": 2})

    with pytest.raises(ConfigurationOutdated):
        price(newer, config)
