"""Rule kinds, quantity rules and what the storefront may still offer."""

from __future__ import annotations

import pytest

from configurator import allowed_values, validate
from demo.catalog import DEMO_CONFIGURATIONS, demo_definitions

from .builders import error_codes, option, product, raw, value


@pytest.fixture(scope="module")
def demo():
    return {d.sku: d for d in demo_definitions()}


@pytest.fixture
def shirt(demo):
    return demo["SHIRT-MTM"]


@pytest.fixture
def table(demo):
    return demo["TABLE-SOLID"]


@pytest.fixture
def tumbler(demo):
    return demo["TUMBLER-ENGRAVED"]


def _shirt_raw(**changes):
    options = dict(DEMO_CONFIGURATIONS["SHIRT-MTM"]["options"]) | changes
    return {"quantity": 1, "options": {k: v for k, v in options.items() if v is not None}}


def test_requires_refuses_engraving_on_a_mirror_finish(tumbler):
    validation = validate(tumbler, raw(finish="mirror", engraving={"text": "Hi", "font": "serif"}))

    assert error_codes(validation) == {("finish", "requires")}
    error = validation.errors[0]
    assert error.params["rule"] == "engraving-needs-coated-or-brushed"
    assert "Brushed steel" in error.message["en"]
    assert "拉丝不锈钢" in error.message["zh-hans"]


def test_requires_is_satisfied_by_an_allowed_finish_and_idle_without_engraving(tumbler):
    assert validate(tumbler, raw(finish="brushed", engraving="Hi")).is_valid
    assert validate(tumbler, raw(finish="mirror")).is_valid


def test_allowed_values_disables_the_mirror_finish_once_engraving_is_typed(tumbler):
    states = allowed_values(tumbler, raw(engraving="Hi"))

    assert states["finish"].allowed == ("brushed", "matte_black", "powder_white")
    (reason,) = states["finish"].disabled["mirror"]
    assert reason.rule == "engraving-needs-coated-or-brushed"
    assert allowed_values(tumbler, raw())["finish"].disabled == {}


def test_excludes_refuses_linen_with_french_cuffs(shirt):
    validation = validate(shirt, _shirt_raw(fabric="linen", cuff="french"))

    assert error_codes(validation) == {("cuff", "excluded_by")}
    assert validation.errors[0].message["en"] == (
        "Cuff “French cuff” cannot be combined with Fabric “Irish linen”."
    )


def test_excludes_disables_both_sides_in_the_storefront(shirt):
    after_linen = allowed_values(shirt, raw(fabric="linen"))
    after_french = allowed_values(shirt, raw(cuff="french"))

    assert after_linen["cuff"].allowed == ("barrel",)
    assert "french" in after_linen["cuff"].disabled
    assert "linen" in after_french["fabric"].disabled
    assert "linen" not in after_french["fabric"].allowed


def test_a_hidden_monogram_is_dropped_from_the_configuration(shirt):
    validation = validate(shirt, _shirt_raw(add_monogram="no", monogram="JZ"))

    assert "monogram" not in validation.configuration.values


def test_a_hidden_option_is_not_required_and_its_bad_value_is_ignored(shirt):
    validation = validate(shirt, _shirt_raw(add_monogram=None, monogram="\u202eevil"))

    assert validation.is_valid
    assert validation.configuration.values["add_monogram"] == "no"


def test_a_visible_required_monogram_must_be_given(shirt):
    validation = validate(shirt, _shirt_raw(add_monogram="yes", monogram=None))

    assert error_codes(validation) == {("monogram", "required")}


def test_allowed_values_reports_visibility_and_why_hidden(shirt):
    hidden = allowed_values(shirt, raw())["monogram"]
    shown = allowed_values(shirt, raw(add_monogram="yes"))["monogram"]

    assert (hidden.visible, hidden.hidden_by) == (False, ("monogram-on-request",))
    assert (shown.visible, shown.hidden_by) == (True, ())


def test_a_glass_top_limits_width_to_180_cm(table):
    base = {"depth": "90", "wood": "oak"}

    solid = validate(table, raw(width="200", top="solid", **base))
    glass = validate(table, raw(width="200", top="glass", **base))

    assert solid.is_valid
    assert error_codes(glass) == {("width", "out_of_range")}
    assert glass.errors[0].params["max"] == "180"
    assert glass.errors[0].params["rules"] == ["glass-top-max-width"]
    assert validate(table, raw(width="180", top="glass", **base)).is_valid


def test_allowed_values_reports_the_effective_numeric_bounds(table):
    glass = allowed_values(table, raw(top="glass"))["width"]
    solid = allowed_values(table, raw(top="solid"))["width"]

    assert (str(glass.min), str(glass.max), glass.bounded_by) == (
        "40",
        "180",
        ("glass-top-max-width",),
    )
    assert (str(solid.max), solid.bounded_by) == ("240", ())


def test_allowed_values_never_raises_on_garbage(table):
    for garbage in (None, [], "x", {"options": []}, {"options": {"width": {"a": [1]}, 3: 4}}):
        states = allowed_values(table, garbage)
        assert set(states) == {o.code for o in table.options}


@pytest.fixture
def printed():
    return product(
        [option("method", "choice", values=[value("dtg"), value("screen")], default="dtg")],
        rules=[
            {
                "id": "screen-min",
                "kind": "quantity",
                "when": {"option": "method", "values": ["screen"]},
                "min": 20,
                "multiple_of": 10,
            }
        ],
        quantity={"min": 1, "max": 100, "multiple_of": 1},
    )


@pytest.mark.parametrize(
    ("quantity", "method", "codes"),
    [
        (1, "dtg", set()),
        (0, "dtg", {(None, "quantity_min")}),
        (-5, "dtg", {(None, "quantity_min")}),
        (101, "dtg", {(None, "quantity_max")}),
        (10**100, "dtg", {(None, "quantity_max")}),
        (10, "screen", {(None, "quantity_min")}),
        (25, "screen", {(None, "quantity_multiple")}),
        (30, "screen", set()),
        (2.5, "dtg", {(None, "quantity_invalid")}),
        ("two", "dtg", {(None, "quantity_invalid")}),
        (None, "dtg", {(None, "quantity_invalid")}),
        (True, "dtg", {(None, "quantity_invalid")}),
    ],
)
def test_quantity_rules(printed, quantity, method, codes):
    validation = validate(printed, raw(quantity, method=method))

    assert error_codes(validation) == codes


def test_unknown_options_and_fields_are_reported_not_ignored(printed):
    validation = validate(printed, {"quantity": 1, "options": {"colour": "red"}, "price": 0})

    assert error_codes(validation) == {(None, "unknown_option"), (None, "unknown_field")}
    messages = [e.message["en"] for e in validation.errors]
    assert messages == ["Unknown field “price”.", "Unknown option “colour”."]


def test_visible_when_without_values_shows_an_option_once_another_has_any_value():
    definition = product(
        [
            option("engraving", "text", max_length=10, charsets=["latin"]),
            option("font_size", "choice", required=True, values=[value("small"), value("large")]),
        ],
        rules=[
            {
                "id": "size-after-text",
                "kind": "visible_when",
                "option": "font_size",
                "when": {"option": "engraving"},
            }
        ],
    )

    assert validate(definition, raw()).is_valid
    assert error_codes(validate(definition, raw(engraving="Hi"))) == {("font_size", "required")}
    assert allowed_values(definition, raw(engraving="Hi"))["font_size"].visible
