"""Checking a product's configurator definition before it is published.

The configurator engine (``orders.configurator``) is the judge when it is installed;
until then a few structural checks refuse the obvious mistakes.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any


def definition_problems(data: Any) -> list[str]:
    """Every problem with ``data`` as a product definition, in words; [] when it is sound."""
    try:
        from orders.configurator import DefinitionError, ProductDefinition
    except ImportError:
        return _interim_problems(data)
    try:
        ProductDefinition.from_dict(data)
    except DefinitionError as exc:
        problems = getattr(exc, "problems", None) or [str(exc)]
        return [str(p) for p in problems]
    return []


def _interim_problems(data: Any) -> list[str]:
    if not isinstance(data, dict):
        return ["The definition is a JSON object."]
    options = data.get("options", [])
    if not isinstance(options, list):
        return ["'options' is a list."]
    problems: list[str] = []
    codes: set[str] = set()
    for n, option in enumerate(options, start=1):
        if not isinstance(option, dict) or not option.get("code") or not option.get("label"):
            problems.append(f"Option {n} needs a code and a label.")
            continue
        if option["code"] in codes:
            problems.append(f"Option code '{option['code']}' is used twice.")
        codes.add(option["code"])
        values = option.get("values", [])
        value_codes = [v.get("code") for v in values if isinstance(v, dict)]
        if option.get("kind", "choice") == "choice" and not values:
            problems.append(f"Option '{option['code']}' offers no values.")
        if len(value_codes) != len(set(value_codes)) or None in value_codes:
            problems.append(f"Option '{option['code']}' has missing or repeated value codes.")
        for value in values:
            try:
                Decimal(str(value.get("price_delta", "0")))
            except (InvalidOperation, AttributeError):
                problems.append(f"Option '{option['code']}': a price_delta is not a number.")
    problems += [
        f"A rule names the missing option '{name}'."
        for name in sorted(_named_options(data.get("rules", [])) - codes)
    ]
    return problems


def _named_options(node: Any) -> set[str]:
    """Option codes a rule refers to, under keys ``option``/``options``/``option_code``."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"option", "option_code"} and isinstance(value, str):
                found.add(value)
            elif key == "options" and isinstance(value, list):
                found |= {v for v in value if isinstance(v, str)}
            else:
                found |= _named_options(value)
    elif isinstance(node, list):
        for item in node:
            found |= _named_options(item)
    return found
