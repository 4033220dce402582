"""What the storefront may still offer for a partial configuration."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .definition import ProductDefinition
from .engine import parse_options
from .evaluation import effective_bounds, resolve_visibility, rule_message
from .options import Option
from .results import DisabledReason, OptionState
from .rules import Condition, Rule

_VALUE_KINDS = ("choice", "multi_choice", "colour")


def _disabled_values(
    definition: ProductDefinition, option: Option, values: Mapping[str, Any]
) -> dict[str, list[DisabledReason]]:
    disabled: dict[str, list[DisabledReason]] = {}

    def disable(
        rule: Rule, codes: tuple[str, ...] | list[str], scenario: Mapping[str, Any]
    ) -> None:
        for code in codes:
            # A code, or the scenario's current value of the rule's target option.
            target_value: Any = code if rule.option == option.code else ""
            if rule.option != option.code:
                current = scenario.get(rule.target)
                target_value = current[0] if isinstance(current, list) and current else current
            message = rule_message(definition, rule, scenario, target_value or "")
            disabled.setdefault(code, []).append(DisabledReason(rule.id, rule.kind, message))

    for rule in definition.rules:
        if rule.kind not in ("requires", "excludes"):
            continue
        then = Condition(rule.target, rule.values)
        if rule.option == option.code and rule.condition.holds(values):
            if rule.kind == "excludes":
                disable(rule, rule.values, values)
            else:
                disable(rule, [v.code for v in option.values if v.code not in rule.values], values)
        if rule.condition.option == option.code and rule.condition.values:
            conflicted = (
                then.holds(values)
                if rule.kind == "excludes"
                else (rule.option in values and not then.holds(values))
            )
            if conflicted:
                for code in rule.condition.values:
                    disable(rule, [code], dict(values) | {option.code: code})
    return disabled


def allowed_values(definition: ProductDefinition, partial_raw: object) -> dict[str, OptionState]:
    """Return, per option code, what the UI may offer given a partial raw configuration.

    ``partial_raw`` has the same shape as for :func:`validate`; invalid or unknown parts
    are ignored, so this never raises. Values are judged against the current values of
    the *other* options: a disabled value says which rule disables it and why.
    """
    raw_options = partial_raw.get("options") if isinstance(partial_raw, Mapping) else None
    parsed, _ = parse_options(definition, raw_options if isinstance(raw_options, Mapping) else {})
    values, hidden = resolve_visibility(definition, parsed, fill_defaults=True)
    states: dict[str, OptionState] = {}
    for option in definition.options:
        fields: dict[str, Any] = {}
        if option.kind in _VALUE_KINDS:
            disabled = _disabled_values(definition, option, values)
            fields["disabled"] = {code: tuple(reasons) for code, reasons in disabled.items()}
            fields["allowed"] = tuple(v.code for v in option.values if v.code not in disabled)
        if option.kind == "number":
            low, high, applied = effective_bounds(definition, option.code, values)
            fields |= {"min": low, "max": high, "bounded_by": applied}
        states[option.code] = OptionState(
            code=option.code,
            kind=option.kind,
            visible=option.code not in hidden,
            required=option.required,
            value=values.get(option.code),
            hidden_by=hidden.get(option.code, ()),
            **fields,
        )
    return states
