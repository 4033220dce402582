"""Evaluating a product's rules against normalized values; shared by validation and the UI."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .definition import ProductDefinition
from .messages import Label, join_labels, render
from .rules import Condition, Rule
from .values import normalize


def resolve_visibility(
    definition: ProductDefinition, parsed: Mapping[str, Any], *, fill_defaults: bool
) -> tuple[dict[str, Any], dict[str, tuple[str, ...]]]:
    """Return ``(visible values, hidden option -> unmet visible_when rule ids)``.

    Options are visited so that each comes after those its visibility depends on, and
    conditions only see values of visible options. Absent visible options take their
    ``default`` when ``fill_defaults`` is true.
    """
    conditions: dict[str, list[Rule]] = {}
    for rule in definition.rules_of("visible_when"):
        conditions.setdefault(rule.target, []).append(rule)
    visible: dict[str, Any] = {}
    hidden: dict[str, tuple[str, ...]] = {}
    for code in definition.visibility_order:
        unmet = tuple(r.id for r in conditions.get(code, ()) if not r.condition.holds(visible))
        if unmet:
            hidden[code] = unmet
            continue
        value = parsed.get(code)
        option = definition.option_index[code]
        if value is None and fill_defaults and option.default is not None:
            value = normalize(option, option.default)[0]
        if value is not None:
            visible[code] = value
    return visible, hidden


def effective_bounds(
    definition: ProductDefinition, code: str, values: Mapping[str, Any]
) -> tuple[Decimal, Decimal, tuple[str, ...]]:
    """Return the number option's ``(min, max, ids of numeric_bound rules that apply)``."""
    option = definition.option_index[code]
    low, high, _step = option.number_grid()
    applied = []
    for rule in definition.rules_of("numeric_bound"):
        if rule.option == code and rule.condition.holds(values):
            if rule.min is not None and rule.min > low:
                low = rule.min
            if rule.max is not None and rule.max < high:
                high = rule.max
            applied.append(rule.id)
    return low, high, tuple(applied)


def _first_match(condition: Condition, values: Mapping[str, Any]) -> str:
    current = values.get(condition.option)
    if isinstance(current, list):
        return next((v for v in current if v in condition.values), current[0] if current else "")
    return current if isinstance(current, str) else ""


def rule_message(
    definition: ProductDefinition, rule: Rule, values: Mapping[str, Any], target_value: str
) -> dict[str, str]:
    """Return the bilingual message explaining how ``rule`` limits its target option."""
    when_option = definition.option_index[rule.condition.option]
    target = definition.option_index[rule.target]
    texts: dict[str, Label] = {
        "other_label": when_option.label,
        "other_value_label": when_option.value_label(_first_match(rule.condition, values)),
        "value_label": target.value_label(target_value),
        "allowed_labels": join_labels([target.value_label(v) for v in rule.values]),
    }
    code = "requires" if rule.kind == "requires" else "excluded_by"
    if not rule.condition.values:
        code += "_any"
    return render(code, label=target.label, texts=texts)


def rule_conflicts(
    definition: ProductDefinition, values: Mapping[str, Any]
) -> list[tuple[Rule, str]]:
    """Return ``(rule, offending target value)`` for every broken requires/excludes rule.

    A broken ``requires`` whose target is absent reports an empty offending value.
    """
    broken: list[tuple[Rule, str]] = []
    for rule in definition.rules:
        if rule.kind not in ("requires", "excludes") or not rule.condition.holds(values):
            continue
        then = Condition(rule.target, rule.values)
        if rule.kind == "requires" and not then.holds(values):
            current = values.get(rule.target)
            broken.append(
                (rule, _first_match(Condition(rule.target, ()), values) if current else "")
            )
        elif rule.kind == "excludes" and then.holds(values):
            broken.append((rule, _first_match(then, values)))
    return broken
