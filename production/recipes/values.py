"""Reading a configuration's values the way a recipe declares them."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from c2m.errors import ApplicationError
from production.recipes.formulas import LARGEST

INPUT_KINDS = {"number", "choice", "choices", "text", "artwork", "flag"}
_FALSE = {"", "0", "no", "none", "false", "off"}


class RecipeError(ApplicationError):
    """A recipe that cannot be used: ``errors`` maps each faulty place to its problems."""

    code = "recipe_invalid"


def inputs_declared(raw: Any, errors: dict[str, list[str]]) -> dict[str, dict[str, Any]]:
    if not isinstance(raw, dict):
        errors.setdefault("inputs", []).append("Inputs map a value's code to its kind.")
        return {}
    inputs = {}
    for name, declaration in raw.items():
        kind = declaration.get("kind") if isinstance(declaration, dict) else None
        if not name.isidentifier() or name == "quantity" or kind not in INPUT_KINDS:
            errors.setdefault(f"inputs.{name}", []).append(
                f"An identifier with a kind among {', '.join(sorted(INPUT_KINDS))}."
            )
            continue
        inputs[name] = declaration
    return inputs


def configuration_env(
    inputs: Mapping[str, Mapping[str, Any]], configuration: Mapping[str, Any], quantity: int
) -> dict[str, Any]:
    env: dict[str, Any] = {"quantity": Decimal(quantity)}
    for name, declaration in inputs.items():
        if name in configuration and configuration[name] is not None:
            raw = configuration[name]
        elif "default" in declaration:
            raw = declaration["default"]
        else:
            raise RecipeError(
                f"The configuration has no value for {name!r}.",
                code="configuration_incomplete",
                errors={name: ["Missing."]},
            )
        env[name] = _value(name, declaration["kind"], raw)
    return env


def _value(name: str, kind: str, raw: Any) -> Any:
    if kind == "number":
        try:
            number = Decimal(str(raw))
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite() or abs(number) > LARGEST:
            raise RecipeError(
                f"{name!r} is not a usable number: {raw!r}.",
                code="configuration_incomplete",
                errors={name: ["Not a number."]},
            )
        return number
    if kind == "artwork":
        return int(isinstance(raw, dict) and raw.get("artwork_id") is not None)
    if kind == "flag":
        return int(bool(raw) and str(raw).strip().lower() not in _FALSE)
    if kind == "choices":  # a multiple choice: the codes chosen, for ``"gift_box" in extras``
        if raw in (None, ""):
            return frozenset()
        if not isinstance(raw, (list, tuple)) or not all(isinstance(v, str) for v in raw):
            raise RecipeError(
                f"{name!r} is not a list of choices: {raw!r}.",
                code="configuration_incomplete",
                errors={name: ["Not a list of choices."]},
            )
        return frozenset(raw)
    if kind == "text" and isinstance(raw, dict):
        raw = raw.get("text")  # the configurator keeps {"text", "font"}
    return "" if raw is None else str(raw)
