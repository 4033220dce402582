"""Products as data: reading, refusing inconsistent definitions, round-tripping."""

from __future__ import annotations

import copy
import json

import pytest

from configurator import DefinitionError, ProductDefinition
from demo.catalog import DEMO_PRODUCTS, DEMO_RULES, demo_definitions

from .builders import option, product, product_dict, value


def test_every_demo_product_is_a_consistent_definition():
    definitions = demo_definitions()

    assert [d.sku for d in definitions] == [
        "TEE-PRINT",
        "TUMBLER-ENGRAVED",
        "SHIRT-MTM",
        "TABLE-SOLID",
    ]
    kinds = {o.kind for d in definitions for o in d.options}
    assert kinds == {"choice", "multi_choice", "colour", "number", "text", "artwork"}


@pytest.mark.parametrize("data", DEMO_PRODUCTS, ids=lambda d: d["sku"])
def test_to_dict_round_trips_through_json(data):
    definition = ProductDefinition.from_dict(data, shared_rules=DEMO_RULES)

    as_json = json.loads(json.dumps(definition.to_dict()))
    again = ProductDefinition.from_dict(as_json)

    assert again == definition
    assert again.to_dict() == definition.to_dict()


def test_shared_rules_are_inlined_by_id():
    table = ProductDefinition.from_dict(DEMO_PRODUCTS[3], shared_rules=DEMO_RULES)

    rule = next(r for r in table.rules if r.id == "glass-top-max-width")

    assert rule.kind == "numeric_bound"
    assert str(rule.max) == "180"


def test_a_product_naming_an_unknown_shared_rule_is_refused():
    with pytest.raises(DefinitionError) as caught:
        ProductDefinition.from_dict(DEMO_PRODUCTS[3], shared_rules={})

    assert any("unknown shared rule 'glass-top-max-width'" in p for p in caught.value.problems)


def test_an_inconsistent_definition_is_refused_with_every_problem_listed():
    data = product_dict(
        options=[
            option("size", "choice", values=[value("S"), value("S")]),
            option("width", "number", min="240", max="40", step="0"),
            option("width", "text", max_length=10, charsets=["klingon"]),
        ],
        rules=[
            {
                "id": "r1",
                "kind": "requires",
                "when": {"option": "size", "values": ["XXL"]},
                "then": {"option": "colour", "values": ["red"]},
            },
            {"id": "r1", "kind": "teleport"},
        ],
        currency="XYZ",
    )

    with pytest.raises(DefinitionError) as caught:
        ProductDefinition.from_dict(data)

    problems = "\n".join(caught.value.problems)
    for expected in (
        "duplicate code 'S'",
        "min 240 is greater than max 40",
        "step: must be greater than 0",
        "'klingon' is not one of",
        "duplicate code 'width'",
        "option 'size' has no value 'XXL'",
        "names missing option 'colour'",
        "kind: must be one of",
        "duplicate code 'r1'",
        "'XYZ' is not a supported ISO-4217 currency",
    ):
        assert expected in problems
    assert caught.value.code == "invalid_product_definition"


def test_visibility_rules_forming_a_cycle_are_refused():
    options = [
        option("a", "choice", values=[value("x")]),
        option("b", "choice", values=[value("y")]),
    ]
    rules = [
        {"id": "a-needs-b", "kind": "visible_when", "option": "a", "when": {"option": "b"}},
        {"id": "b-needs-a", "kind": "visible_when", "option": "b", "when": {"option": "a"}},
    ]

    with pytest.raises(DefinitionError, match="cycle"):
        product(options, rules)


@pytest.mark.parametrize(
    "garbage",
    [None, [], "product", 42, {"options": "nope"}, {"options": [None, 3]}],
)
def test_garbage_definitions_raise_definition_error_only(garbage):
    with pytest.raises(DefinitionError):
        ProductDefinition.from_dict(garbage)


def test_a_price_component_must_name_number_options_of_the_product():
    data = copy.deepcopy(DEMO_PRODUCTS[3])
    data["price_components"][0]["factors"] = ["width", "wood"]

    with pytest.raises(DefinitionError, match="'wood' is not a number option"):
        ProductDefinition.from_dict(data, shared_rules=DEMO_RULES)


def test_extra_characters_cannot_smuggle_in_invisible_characters():
    engraving = option("engraving", "text", max_length=5, charsets=["latin"], extra_chars="\u202e")

    with pytest.raises(DefinitionError, match="extra_chars"):
        product([engraving])
