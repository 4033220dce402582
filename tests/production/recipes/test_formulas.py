"""The formula language computes what recipes need and refuses everything else."""

from decimal import Decimal

import pytest

from production.recipes import FormulaError, formula_compile

NAMES = {"chest", "size", "fabric", "monogram", "front", "extras", "quantity"}
TABLES = {"fabric_by_size": {"S": "1.4", "M": "1.5", "XL": 1.7}}
ENV = {
    "chest": Decimal("104"),
    "size": "M",
    "fabric": "linen",
    "monogram": "LW",
    "front": 1,
    "extras": frozenset({"gift_box", "neck_label"}),  # a multiple choice
    "quantity": Decimal(3),
}


def value(source):
    return formula_compile(source, names=NAMES, tables=TABLES).evaluate(ENV)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("chest / 100 * 1.5 + 0.2", Decimal("1.76")),
        ("'gift_box' in extras", True),
        ("'polybag' not in extras", True),
        ("1 if 'neck_label' in extras else 0", Decimal(1)),
        ("len(extras)", Decimal(2)),
        ("-chest + 4", Decimal("-100")),
        ("ceil(chest / 30)", Decimal(4)),
        ("floor(chest / 30)", Decimal(3)),
        ("round(chest / 3, 2)", Decimal("34.67")),
        ("min(chest, 90, 120)", Decimal(90)),
        ("max(1, quantity)", Decimal(3)),
        ("len(monogram) * 4", Decimal(8)),
        ("1.1 if fabric == 'linen' else 1", Decimal("1.1")),
        ("2 if size in ('XL', 'XXL') else 1", Decimal(1)),
        ("fabric_by_size[size] * quantity", Decimal("4.5")),
        ("3 if chest > 100 and not front == 0 else 0", Decimal(3)),
        ("12 * front", Decimal(12)),
        (7, Decimal(7)),
        ("0.1 + 0.2", Decimal("0.3")),
    ],
)
def test_allowed_formulas_compute_exact_decimals(source, expected):
    assert value(source) == expected


@pytest.mark.parametrize(
    ("source", "refusal"),
    [
        ("__import__('os').system('true')", "only min, max"),
        ("chest.__class__", "Attribute is not allowed"),
        ("(lambda: 1)()", "only min, max"),
        ("lambda: 1", "Lambda is not allowed"),
        ("2 ** 1000000", "Pow is not allowed"),
        ("[x for x in (1, 2)]", "ListComp is not allowed"),
        ("open('/etc/passwd')", "open() is not allowed"),
        ("sleeve * 2", "unknown value 'sleeve'"),
        ("prices[size]", "only lookup tables"),
        ("chest if chest else", "not a valid formula"),
        ("1e999", "out of range"),
        ("min(chest, key=len)", "no keyword arguments"),
        ("size in sizes", "unknown value 'sizes'"),
        ("size in 'XXL'", "literal list"),
        ("chest; 1", "not a valid formula"),
        ("x" * 600, "at most 500"),
        ("", "cannot be empty"),
    ],
)
def test_forbidden_syntax_and_unknown_names_are_refused_when_compiling(source, refusal):
    with pytest.raises(FormulaError) as error:
        formula_compile(source, names=NAMES, tables=TABLES)
    assert refusal in error.value.detail


def test_deep_nesting_is_refused_not_crashing():
    with pytest.raises(FormulaError):
        formula_compile("(" * 300 + "1" + ")" * 300, names=NAMES, tables=TABLES)


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("size * 2", "'M' is not a number"),
        ("chest / 0", "DivisionByZero"),
        ("fabric_by_size[fabric]", "has no entry 'linen'"),
        ("size > 3", "cannot compare"),
        # On a text 'in' would match a substring: "X" in "XL".
        ("'X' in size", "'size' is not a multiple choice"),
    ],
)
def test_a_formula_that_cannot_be_computed_says_why(source, problem):
    formula = formula_compile(source, names=NAMES, tables=TABLES)
    with pytest.raises(FormulaError) as error:
        formula.number(ENV)
    assert problem in error.value.detail


def test_a_formula_remembers_the_configuration_values_it_reads():
    formula = formula_compile("fabric_by_size[size] * chest", names=NAMES, tables=TABLES)
    assert formula.names == {"size", "chest"}
