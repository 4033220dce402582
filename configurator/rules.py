"""Rules as data: standalone dicts that products include inline or reference by id.

Schema (every rule has a unique ``id`` and a ``kind``; ``when`` is a condition
``{"option": code, "values": [codes]}``; without ``values`` it means "has any value")::

    {"id", "kind": "requires",      "when": cond, "then": {"option", "values"}}
    {"id", "kind": "excludes",      "when": cond, "then": {"option", "values"}}
    {"id", "kind": "visible_when",  "option": code, "when": cond}
    {"id", "kind": "numeric_bound", "when": cond, "option": code, "min"?: dec, "max"?: dec}
    {"id", "kind": "quantity",      "when"?: cond, "min"?: int, "max"?: int, "multiple_of"?: int}

Conditions are evaluated only against the values of *visible* options.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ._reader import Reader
from .messages import Label

RULE_KINDS = ("requires", "excludes", "visible_when", "numeric_bound", "quantity")
_VALUE_KINDS = ("choice", "multi_choice", "colour")


@dataclass(frozen=True, slots=True)
class Condition:
    """``option`` has one of ``values`` (any value at all when ``values`` is empty)."""

    option: str
    values: tuple[str, ...] = ()

    def holds(self, values: Mapping[str, Any]) -> bool:
        """Return whether the condition is met by normalized ``values`` (absent = not met)."""
        current = values.get(self.option)
        if current is None:
            return False
        if not self.values:
            return True
        if isinstance(current, list):
            return any(v in self.values for v in current)
        return current in self.values

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"option": self.option}
        if self.values:
            out["values"] = list(self.values)
        return out

    @classmethod
    def from_dict(cls, data: object, path: str, r: Reader) -> Condition:
        d = r.mapping(data, path)
        values = r.items(d, "values", path)
        if not all(isinstance(v, str) for v in values):
            r.add(f"{path}.values", "must be a list of value codes")
        return cls(r.code(d, "option", path), tuple(str(v) for v in values))


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule; which fields matter depends on ``kind`` (see the module docstring)."""

    id: str
    kind: str
    when: Condition | None = None
    option: str | None = None
    values: tuple[str, ...] = ()
    min: Decimal | None = None
    max: Decimal | None = None
    multiple_of: int | None = None
    description: Label | None = None

    @property
    def condition(self) -> Condition:
        """``when``, which every kind but ``quantity`` has; raises ``ValueError`` if absent."""
        if self.when is None:
            raise ValueError(f"Rule {self.id} ({self.kind}) has no condition.")
        return self.when

    @property
    def target(self) -> str:
        """``option``, the option a requires/excludes/visible_when/numeric_bound rule limits;
        raises ``ValueError`` if absent."""
        if self.option is None:
            raise ValueError(f"Rule {self.id} ({self.kind}) names no option.")
        return self.option

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str, r: Reader) -> Rule:
        """Return the rule read from ``data``; problems are recorded on ``r``."""
        kind = data.get("kind")
        rule_id = r.code(data, "id", path)
        if kind not in RULE_KINDS:
            r.add(f"{path}.kind", f"must be one of {', '.join(RULE_KINDS)}")
            return cls(rule_id, "invalid")
        when = None
        if kind != "quantity" or data.get("when") is not None:
            when = Condition.from_dict(data.get("when"), f"{path}.when", r)
        fields: dict[str, Any] = {"description": r.optional_label(data, "description", path)}
        if kind in ("requires", "excludes"):
            then = Condition.from_dict(data.get("then"), f"{path}.then", r)
            if not then.values:
                r.add(f"{path}.then.values", "must name at least one value")
            fields |= {"option": then.option, "values": then.values}
        elif kind in ("visible_when", "numeric_bound"):
            fields["option"] = r.code(data, "option", path)
        if kind == "numeric_bound":
            fields |= {"min": r.optional_decimal(data, "min", path)}
            fields |= {"max": r.optional_decimal(data, "max", path)}
            if fields["min"] is None and fields["max"] is None:
                r.add(path, "a numeric bound needs min or max")
        if kind == "quantity":
            low, high = r.optional_integer(data, "min", path), r.optional_integer(data, "max", path)
            multiple = r.optional_integer(data, "multiple_of", path)
            if multiple is not None and multiple < 1:
                r.add(f"{path}.multiple_of", "must be at least 1")
            fields |= {"min": None if low is None else Decimal(low)}
            fields |= {"max": None if high is None else Decimal(high), "multiple_of": multiple}
        low, high = fields.get("min"), fields.get("max")
        if low is not None and high is not None and low > high:
            r.add(path, "min is greater than max")
        return cls(rule_id, kind, when, **fields)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able dict that :meth:`from_dict` reads back to an equal rule."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind}
        if self.when is not None:
            out["when"] = self.when.to_dict()
        if self.kind in ("requires", "excludes"):
            out["then"] = {"option": self.option, "values": list(self.values)}
        elif self.kind in ("visible_when", "numeric_bound"):
            out["option"] = self.option
        if self.kind == "numeric_bound":
            for key in ("min", "max"):
                value = getattr(self, key)
                if value is not None:
                    out[key] = str(value)
        if self.kind == "quantity":
            for key in ("min", "max"):
                value = getattr(self, key)
                if value is not None:
                    out[key] = int(value)
            if self.multiple_of is not None:
                out["multiple_of"] = self.multiple_of
        if self.description:
            out["description"] = self.description.to_dict()
        return out


def check_rule(rule: Rule, options: Mapping[str, Any], path: str, r: Reader) -> None:
    """Record problems where ``rule`` names options or values the product does not have."""
    targets: list[tuple[str, str | None, tuple[str, ...]]] = []
    if rule.when is not None:
        targets.append((f"{path}.when", rule.when.option, rule.when.values))
    if rule.kind in ("requires", "excludes", "visible_when", "numeric_bound"):
        targets.append((f"{path}.option", rule.option, rule.values))
    for where, code, values in targets:
        option = options.get(code) if code else None
        if option is None:
            r.add(where, f"names missing option {code!r}")
            continue
        if values and option.kind not in _VALUE_KINDS:
            r.add(where, f"option {code!r} is a {option.kind}; only choices have values")
            continue
        known = {v.code for v in option.values}
        for value in values:
            if value not in known:
                r.add(where, f"option {code!r} has no value {value!r}")
    if rule.kind == "numeric_bound":
        target = options.get(rule.option) if rule.option else None
        if target is not None and target.kind != "number":
            r.add(f"{path}.option", f"option {rule.option!r} is not a number")
    if rule.kind == "visible_when" and rule.when and rule.when.option == rule.option:
        r.add(path, "an option cannot depend on itself")
