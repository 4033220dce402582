"""Properties: arbitrary input never breaks validation; valid configurations are stable."""

from __future__ import annotations

import copy
from decimal import Decimal

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from configurator import (
    DefinitionError,
    ProductDefinition,
    allowed_values,
    price,
    validate,
)
from demo.catalog import DEMO_PRODUCTS, DEMO_RULES, demo_definitions

DEFINITIONS = demo_definitions()
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**1000)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text()
    | st.sampled_from(["NaN", "Infinity", "-inf", "1e308", "1e-308", "-0", "\u202e#FFF", ""])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(), children, max_size=5)
    ),
    max_leaves=15,
)
definitions = st.sampled_from(DEFINITIONS)


def _option_values(definition):
    codes = [o.code for o in definition.options]
    return st.dictionaries(st.sampled_from(codes) | st.text(max_size=5), json_values, max_size=8)


def _assert_well_formed(validation):
    assert validation.is_valid != bool(validation.errors)
    for error in validation.errors:
        assert isinstance(error.code, str)
        assert set(error.message) == {"en", "zh-hans"}
        assert all(error.message.values())


@FAST
@given(definition=definitions, raw=json_values)
def test_validation_never_raises_on_arbitrary_json(definition, raw):
    validation = validate(definition, raw)

    _assert_well_formed(validation)
    allowed_values(definition, raw)


@FAST
@given(data=st.data(), definition=definitions, quantity=json_values)
def test_validation_never_raises_on_arbitrary_option_values(data, definition, quantity):
    raw = {"quantity": quantity, "options": data.draw(_option_values(definition))}

    validation = validate(definition, raw)

    _assert_well_formed(validation)
    states = allowed_values(definition, raw)
    assert set(states) == {o.code for o in definition.options}


@FAST
@given(definition=definitions, text=st.text(), font=st.text(max_size=3))
def test_arbitrary_text_in_any_text_option_never_raises(definition, text, font):
    for option in definition.options:
        if option.kind == "text":
            for value in (text, {"text": text, "font": font}):
                _assert_well_formed(
                    validate(definition, {"quantity": 1, "options": {option.code: value}})
                )


def _valid_value(option):
    if option.kind == "choice":
        return st.sampled_from([v.code for v in option.values])
    if option.kind == "colour":
        return st.sampled_from([v.code.lower() for v in option.values])
    if option.kind == "multi_choice":
        codes = [v.code for v in option.values]
        return st.lists(st.sampled_from(codes), unique=True, max_size=option.max_selections)
    if option.kind == "number":
        steps = int((option.max - option.min) / option.step)
        return st.integers(0, steps).map(lambda k: str(option.min + k * option.step))
    if option.kind == "text":
        alphabet = st.sampled_from("AbZ 李伟爱2&\n")
        return st.text(alphabet, min_size=1, max_size=option.max_length)
    return st.fixed_dictionaries(
        {
            "artwork_id": st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True),
            "placement": st.fixed_dictionaries(
                {"offset_x": st.floats(-1, 1), "scale": st.decimals("0.1", "1", places=4).map(str)}
            ),
        }
    )


@st.composite
def valid_configurations(draw):
    definition = draw(definitions)
    options = {o.code: draw(_valid_value(o)) for o in definition.options}
    quantity = draw(st.integers(definition.quantity.min, definition.quantity.max))
    validation = validate(definition, {"quantity": quantity, "options": options})
    assume(validation.is_valid)
    return definition, validation.configuration


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(valid_configurations())
def test_a_normalized_configuration_validates_to_itself(case):
    definition, configuration = case

    again = validate(definition, configuration.as_raw())

    assert again.configuration == configuration
    assert again.configuration.content_hash == configuration.content_hash


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(valid_configurations())
def test_a_valid_configuration_has_a_deterministic_consistent_price(case):
    definition, configuration = case

    first, second = price(definition, configuration), price(definition, configuration)

    assert first == second
    per_unit = sum((line.amount for line in first.lines if line.per_unit), Decimal(0))
    assert first.unit_price == per_unit
    assert first.total == first.unit_price * first.quantity + first.one_off
    assert first.total.as_tuple().exponent == -2


@FAST
@given(
    data=st.data(),
    product=st.sampled_from(DEMO_PRODUCTS),
    garbage=json_values,
)
def test_a_garbled_definition_is_refused_with_definition_error_only(data, product, garbage):
    broken = copy.deepcopy(product)
    section = data.draw(st.sampled_from(sorted(broken)))
    target = broken[section]
    if isinstance(target, list) and target:
        index = data.draw(st.integers(0, len(target) - 1))
        if isinstance(target[index], dict):
            key = data.draw(st.sampled_from(sorted(target[index])))
            target[index][key] = garbage
        else:
            target[index] = garbage
    else:
        broken[section] = garbage

    try:
        ProductDefinition.from_dict(broken, shared_rules=DEMO_RULES)
    except DefinitionError as error:
        assert error.problems
