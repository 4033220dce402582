"""A small, safe formula language for recipes: arithmetic on configuration values.

Formulas are parsed with :mod:`ast` and only an allow-list of nodes is accepted; they are
then turned into plain Python closures once, never passed to ``eval``. What a formula can use:

- numeric literals (computed as ``Decimal``), ``+ - * /``, unary minus, parentheses;
- names of the recipe's declared configuration values, and ``quantity``;
- ``min``, ``max``, ``ceil``, ``floor``, ``round(x, digits)``, ``len(text)``;
- conditionals: ``1.2 if fabric == "linen" else 1.0``, ``and``/``or``/``not``, comparisons,
  ``size in ("XL", "XXL")``, ``"gift_box" in extras`` (``extras`` a multiple choice);
- lookup tables declared by the recipe: ``fabric_by_size[size]``.

Anything else (attributes, calls to other names, lambdas, comprehensions, ``**``...) is
refused when the recipe is validated, with a ``FormulaError`` naming what was refused.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from c2m.errors import ApplicationError

MAX_LENGTH = 500
MAX_NODES = 120
# Configuration numbers and literals beyond this are refused, so no formula grows huge.
LARGEST = 10**12

Env = Mapping[str, Any]
Evaluator = Callable[[Env], Any]


class FormulaError(ApplicationError):
    """A formula that is not allowed, names something unknown, or cannot be computed."""

    code = "formula_error"


@dataclass(frozen=True)
class Formula:
    source: str
    names: frozenset[str]
    evaluate: Evaluator

    def number(self, env: Env) -> Decimal:
        """The formula's value as a number; raises ``FormulaError`` if it is text."""
        return _num(self.evaluate(env), self.source)

    def truth(self, env: Env) -> bool:
        return bool(self.evaluate(env))


def formula_compile(
    source: Any, *, names: Collection[str], tables: Mapping[str, Mapping[str, Any]]
) -> Formula:
    """Check ``source`` against the allow-list and return it ready to evaluate.

    A bare number is accepted as a constant. Raises ``FormulaError`` for forbidden syntax,
    unknown names or tables, and formulas too long or too large.
    """
    if isinstance(source, bool) or not isinstance(source, (str, int, float, Decimal)):
        raise FormulaError(f"A formula is text or a number, not {type(source).__name__}.")
    text = str(source).strip()
    if not text:
        raise FormulaError("A formula cannot be empty.")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"A formula is at most {MAX_LENGTH} characters.")
    try:
        tree = ast.parse(text, mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        raise FormulaError(f"{text!r} is not a valid formula.") from exc
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise FormulaError(f"{text!r} is too large; split it or use a table.")
    builder = _Builder(text, frozenset(names), tables)
    evaluate = builder.build(tree.body)
    return Formula(source=text, names=frozenset(builder.used), evaluate=evaluate)


def _num(value: Any, source: str) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (bool, int)):
        return Decimal(int(value))
    raise FormulaError(f"{source!r}: {value!r} is not a number.")


def _key(value: Any) -> str:
    if isinstance(value, Decimal):
        return str(value.normalize()) if value != value.to_integral() else str(int(value))
    return str(value)


_ARITHMETIC = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
}
_COMPARE = {
    ast.Eq: lambda a, b: a == b,
    ast.NotEq: lambda a, b: a != b,
    ast.Lt: lambda a, b: a < b,
    ast.LtE: lambda a, b: a <= b,
    ast.Gt: lambda a, b: a > b,
    ast.GtE: lambda a, b: a >= b,
    ast.In: lambda a, b: a in b,
    ast.NotIn: lambda a, b: a not in b,
}


def _bounded(value: Decimal) -> Decimal:
    if not value.is_finite() or abs(value) > LARGEST * LARGEST:
        raise ValueError("out of range")
    return value


def _round(value: Decimal, digits: Decimal = Decimal(0)) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-int(digits)), rounding=ROUND_HALF_UP)


_FUNCTIONS: dict[str, tuple[int, int, Callable[..., Any]]] = {
    # name: (min args, max args, implementation on numbers)
    "min": (1, 20, min),
    "max": (1, 20, max),
    "ceil": (1, 1, lambda x: Decimal(math.ceil(_bounded(x)))),
    "floor": (1, 1, lambda x: Decimal(math.floor(_bounded(x)))),
    "round": (1, 2, _round),
}


class _Builder:
    def __init__(self, source: str, names: frozenset[str], tables: Mapping[str, Mapping]) -> None:
        self.source = source
        self.names = names
        self.tables = tables
        self.used: set[str] = set()

    def fail(self, message: str) -> FormulaError:
        return FormulaError(f"{self.source!r}: {message}")

    def build(self, node: ast.AST) -> Evaluator:
        method = getattr(self, f"_{type(node).__name__}", None)
        if method is None:
            raise self.fail(f"{type(node).__name__} is not allowed in a formula.")
        return method(node)

    def _Constant(self, node: ast.Constant) -> Evaluator:
        value = node.value
        if isinstance(value, bool):
            constant: Any = value
        elif isinstance(value, (int, float)):
            if not math.isfinite(value) or abs(value) > LARGEST:
                raise self.fail(f"the number {value!r} is out of range.")
            constant = Decimal(repr(value))
        elif isinstance(value, str):
            constant = value
        else:
            raise self.fail(f"the literal {value!r} is not allowed.")
        return lambda env: constant

    def _Name(self, node: ast.Name) -> Evaluator:
        name = node.id
        if name not in self.names:
            known = ", ".join(sorted(self.names))
            raise self.fail(f"unknown value {name!r} (known: {known}).")
        self.used.add(name)
        return lambda env: env[name]

    def _BinOp(self, node: ast.BinOp) -> Evaluator:
        op = _ARITHMETIC.get(type(node.op))
        if op is None:
            raise self.fail(f"the operator {type(node.op).__name__} is not allowed.")
        left, right, source = self.build(node.left), self.build(node.right), self.source

        def evaluate(env: Env) -> Decimal:
            try:
                return op(_num(left(env), source), _num(right(env), source))
            except (ArithmeticError, InvalidOperation) as exc:
                raise FormulaError(f"{source!r}: {exc.__class__.__name__}.") from exc

        return evaluate

    def _UnaryOp(self, node: ast.UnaryOp) -> Evaluator:
        operand, source = self.build(node.operand), self.source
        if isinstance(node.op, ast.Not):
            return lambda env: not operand(env)
        if isinstance(node.op, ast.USub):
            return lambda env: -_num(operand(env), source)
        if isinstance(node.op, ast.UAdd):
            return lambda env: _num(operand(env), source)
        raise self.fail(f"the operator {type(node.op).__name__} is not allowed.")

    def _BoolOp(self, node: ast.BoolOp) -> Evaluator:
        values = [self.build(v) for v in node.values]
        if isinstance(node.op, ast.And):

            def evaluate_and(env: Env) -> Any:
                result: Any = True
                for value in values:
                    result = value(env)
                    if not result:
                        return result
                return result

            return evaluate_and

        def evaluate_or(env: Env) -> Any:
            result: Any = False
            for value in values:
                result = value(env)
                if result:
                    return result
            return result

        return evaluate_or

    def _Compare(self, node: ast.Compare) -> Evaluator:
        left = self.build(node.left)
        steps = []
        for op, comparator in zip(node.ops, node.comparators, strict=True):
            check = _COMPARE.get(type(op))
            if check is None:
                raise self.fail(f"the comparison {type(op).__name__} is not allowed.")
            if isinstance(op, (ast.In, ast.NotIn)) and isinstance(comparator, ast.Name):
                steps.append((check, self._chosen_set(comparator)))
            elif isinstance(op, (ast.In, ast.NotIn)):
                steps.append((check, self._literal_set(comparator)))
            else:
                steps.append((check, self.build(comparator)))
        source = self.source

        def evaluate(env: Env) -> bool:
            current = left(env)
            for check, right in steps:
                other = right(env)
                try:
                    if not check(current, other):
                        return False
                except TypeError as exc:
                    raise FormulaError(f"{source!r}: cannot compare {current!r}.") from exc
                current = other
            return True

        return evaluate

    def _chosen_set(self, node: ast.Name) -> Evaluator:
        # Only a multiple choice (a set of codes) may follow 'in' by name: on a text value
        # 'in' would test for a substring, so "S" in size would hold for "XS".
        value, source = self._Name(node), self.source

        def evaluate(env: Env) -> frozenset:
            chosen = value(env)
            if not isinstance(chosen, frozenset):
                raise FormulaError(f"{source!r}: {node.id!r} is not a multiple choice.")
            return chosen

        return evaluate

    def _literal_set(self, node: ast.AST) -> Evaluator:
        if not isinstance(node, (ast.Tuple, ast.List, ast.Set)):
            raise self.fail('\'in\' takes a literal list such as ("XL", "XXL").')
        items = frozenset(self.build(e)({}) for e in node.elts if isinstance(e, ast.Constant))
        if len(items) != len(node.elts):
            raise self.fail("'in' takes a list of literals only.")
        return lambda env: items

    def _IfExp(self, node: ast.IfExp) -> Evaluator:
        test, body, orelse = self.build(node.test), self.build(node.body), self.build(node.orelse)
        return lambda env: body(env) if test(env) else orelse(env)

    def _Subscript(self, node: ast.Subscript) -> Evaluator:
        if not isinstance(node.value, ast.Name) or node.value.id not in self.tables:
            known = ", ".join(sorted(self.tables)) or "none"
            raise self.fail(f"only lookup tables can be indexed (tables: {known}).")
        name = node.value.id
        table = {str(k): v for k, v in self.tables[name].items()}
        key, source = self.build(node.slice), self.source

        def evaluate(env: Env) -> Any:
            wanted = _key(key(env))
            if wanted not in table:
                raise FormulaError(f"{source!r}: the table {name!r} has no entry {wanted!r}.")
            value = table[wanted]
            if isinstance(value, str) and not _is_number(value):
                return value
            return Decimal(str(value))

        return evaluate

    def _Call(self, node: ast.Call) -> Evaluator:
        if not isinstance(node.func, ast.Name):
            raise self.fail("only min, max, ceil, floor, round and len can be called.")
        name = node.func.id
        if node.keywords:
            raise self.fail(f"{name}() takes no keyword arguments.")
        args = [self.build(a) for a in node.args]
        source = self.source
        if name == "len":
            if len(args) != 1:
                raise self.fail("len() takes one text value.")
            (arg,) = args
            return lambda env: Decimal(_length(arg(env)))
        if name not in _FUNCTIONS:
            raise self.fail(f"{name}() is not allowed; use min, max, ceil, floor, round, len.")
        low, high, function = _FUNCTIONS[name]
        if not low <= len(args) <= high:
            raise self.fail(f"{name}() takes {low} to {high} arguments.")

        def evaluate(env: Env) -> Decimal:
            try:
                return function(*(_num(a(env), source) for a in args))
            except (ArithmeticError, InvalidOperation, ValueError, OverflowError) as exc:
                raise FormulaError(f"{source!r}: {name}() failed.") from exc

        return evaluate


def _length(value: Any) -> int:
    """Characters of a text, or how many codes of a multiple choice were chosen."""
    return len(value) if isinstance(value, frozenset) else len(str(value))


def _is_number(value: str) -> bool:
    try:
        Decimal(value)
    except InvalidOperation:
        return False
    return True
