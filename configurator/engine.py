"""Validating a raw configuration against a product definition.

``validate`` never raises on any input: every problem comes back as a
:class:`ConfigurationError` with a stable code and a bilingual message.

Hidden options (a ``visible_when`` rule not met) have their values *dropped* from the
normalized configuration rather than refused: a storefront keeps stale values around
when the customer switches back and forth, and refusing them would punish that.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .definition import ProductDefinition
from .evaluation import effective_bounds, resolve_visibility, rule_conflicts, rule_message
from .messages import QUANTITY, render, safe_excerpt
from .options import Option
from .results import ConfigurationError, NormalizedConfiguration, Validation
from .values import Issue, normalize, number_issue, parse_decimal

MAX_ERRORS = 50
TOP_LEVEL_FIELDS = ("quantity", "options")
QUANTITY_LIMIT = 10**9


def _error(option: Option | None, issue: Issue) -> ConfigurationError:
    message = render(
        issue.code,
        label=option.label if option else None,
        texts=issue.texts,
        params=issue.params,
    )
    return ConfigurationError(
        option.code if option else None, issue.code, message, dict(issue.params)
    )


def parse_options(
    definition: ProductDefinition, raw_options: Mapping[Any, Any]
) -> tuple[dict[str, Any], list[ConfigurationError]]:
    """Return ``(normalized values of known options, errors)`` for a raw ``options`` object."""
    parsed: dict[str, Any] = {}
    errors: list[ConfigurationError] = []
    for key, raw in raw_options.items():
        option = definition.option_index.get(key) if isinstance(key, str) else None
        if option is None:
            issue = Issue("unknown_option", {"option": safe_excerpt(key, 64)})
            errors.append(_error(None, issue))
            continue
        value, issues = normalize(option, raw)
        if issues:
            errors.extend(_error(option, issue) for issue in issues)
        elif value is not None:
            parsed[key] = value
    return parsed, errors


def _parse_quantity(raw: object) -> int | Issue:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return max(-QUANTITY_LIMIT - 1, min(raw, QUANTITY_LIMIT + 1))
    value = parse_decimal(raw)
    if isinstance(value, Issue) or value != value.to_integral_value():
        return Issue("quantity_invalid")
    return int(value) if abs(value) <= QUANTITY_LIMIT else int(value.copy_sign(QUANTITY_LIMIT + 1))


def _quantity_errors(
    definition: ProductDefinition, quantity: int, values: Mapping[str, Any]
) -> list[ConfigurationError]:
    rule = definition.quantity
    low, high, multiple = rule.min, rule.max, rule.multiple_of
    for extra in definition.rules_of("quantity"):
        if extra.when is None or extra.when.holds(values):
            low = max(low, int(extra.min)) if extra.min is not None else low
            high = min(high, int(extra.max)) if extra.max is not None else high
            multiple = extra.multiple_of or multiple
    issues = []
    if quantity < low:
        issues.append(Issue("quantity_min", {"min": low}))
    if quantity > high:
        issues.append(Issue("quantity_max", {"max": high}))
    if quantity % multiple:
        issues.append(Issue("quantity_multiple", {"multiple_of": multiple}))
    return [
        ConfigurationError(
            None, i.code, render(i.code, label=QUANTITY, params=i.params), dict(i.params)
        )
        for i in issues
    ]


def _invalid_input(code: str, **params: Any) -> Validation:
    message = render(code, params=params)
    return Validation(errors=(ConfigurationError(None, code, message, params),))


def validate(definition: ProductDefinition, raw: object) -> Validation:
    """Return the validation of ``raw`` (``{"quantity": int, "options": {code: value}}``).

    The result carries either a :class:`NormalizedConfiguration` or the list of
    :class:`ConfigurationError` (at most ``MAX_ERRORS``). Never raises on any input.
    """
    if not isinstance(raw, Mapping):
        return _invalid_input("invalid_input")
    errors: list[ConfigurationError] = []
    for key in raw:
        if key not in TOP_LEVEL_FIELDS:
            errors.append(_error(None, Issue("unknown_field", {"field": safe_excerpt(key, 64)})))
    raw_options = raw.get("options", {})
    if raw_options is None:
        raw_options = {}
    if not isinstance(raw_options, Mapping):
        return _invalid_input("invalid_input")
    parsed, option_errors = parse_options(definition, raw_options)
    values, hidden = resolve_visibility(definition, parsed, fill_defaults=True)
    # An invalid value of a hidden option is as irrelevant as a valid one.
    errors += [e for e in option_errors if e.option not in hidden]
    for option in definition.options:
        invalid = any(e.option == option.code for e in option_errors)
        if option.code in hidden or invalid:
            continue
        if option.required and option.code not in values:
            errors.append(_error(option, Issue("required")))
        if option.kind == "number" and option.code in values:
            low, high, applied = effective_bounds(definition, option.code, values)
            issue = number_issue(option, Decimal(values[option.code]), low, high)
            if issue:
                errors.append(
                    _error(
                        option,
                        Issue(issue.code, {**issue.params, "rules": list(applied)}, issue.texts),
                    )
                )
    for rule, offending in rule_conflicts(definition, values):
        params = {"rule": rule.id, "when": rule.condition.option, "allowed": list(rule.values)}
        message = rule_message(definition, rule, values, offending)
        code = "requires" if rule.kind == "requires" else "excluded_by"
        errors.append(ConfigurationError(rule.option, code, message, params))
    quantity = _parse_quantity(raw.get("quantity"))
    if isinstance(quantity, Issue):
        errors.append(ConfigurationError(None, quantity.code, render(quantity.code), {}))
    else:
        errors += _quantity_errors(definition, quantity, values)
    if errors or isinstance(quantity, Issue):  # a quantity issue is among the errors
        return Validation(errors=tuple(errors[:MAX_ERRORS]))
    ordered = {o.code: values[o.code] for o in definition.options if o.code in values}
    return Validation(
        configuration=NormalizedConfiguration(
            sku=definition.sku, version=definition.version, quantity=quantity, values=ordered
        )
    )
