"""A product's return policy is catalog data: days after delivery it may come back, and
whether personalised pieces (the buyer's own text or artwork) may too."""

from __future__ import annotations

import pytest

from configurator import (
    NOT_RETURNABLE,
    PERSONALISED,
    DefinitionError,
    ProductDefinition,
    return_policy,
    validate,
)
from demo.catalog import demo_definitions

from .builders import raw

TUMBLER = next(d for d in demo_definitions() if d.sku == "TUMBLER-ENGRAVED")
SHIRT = next(d for d in demo_definitions() if d.sku == "SHIRT-MTM")


def _values(definition, **options):
    validation = validate(definition, raw(1, **options))
    assert validation.errors == ()
    return validation.configuration.values


def test_a_plain_tumbler_may_be_returned_for_30_days_an_engraved_one_never():
    assert return_policy(TUMBLER, _values(TUMBLER, finish="brushed")) == (30, "")
    engraved = _values(TUMBLER, finish="brushed", engraving="For Mei")
    assert return_policy(TUMBLER, engraved) == (0, PERSONALISED)


def test_a_policy_may_take_personalised_pieces_back_and_reads_back_equal():
    data = TUMBLER.to_dict() | {"return_personalised": True}
    generous = ProductDefinition.from_dict(data)
    engraved = _values(generous, finish="brushed", engraving="For Mei")
    assert return_policy(generous, engraved) == (30, "")
    assert ProductDefinition.from_dict(generous.to_dict()) == generous


def test_a_product_without_return_days_takes_no_returns_and_bad_policies_are_refused():
    assert SHIRT.return_days == 0
    data = TUMBLER.to_dict()
    no_returns = ProductDefinition.from_dict({k: v for k, v in data.items() if k != "return_days"})
    assert return_policy(no_returns, _values(no_returns, finish="brushed")) == (0, NOT_RETURNABLE)
    with pytest.raises(DefinitionError) as refused:
        ProductDefinition.from_dict(data | {"return_days": -1, "return_personalised": "yes"})
    assert any("return_days" in p for p in refused.value.problems)
    assert any("return_personalised" in p for p in refused.value.problems)
