"""Options of a product definition: frozen dataclasses built from, and back to, dicts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ._reader import Reader
from .messages import Label
from .option_kinds import (
    CHARSETS,
    DEFAULT_PLACEMENT_BOUNDS,
    HEX_COLOUR_RE,
    KIND_READERS,
    OPTION_KINDS,
    PLACEMENT_FIELDS,
    Font,
    Value,
)

__all__ = [
    "CHARSETS",
    "HEX_COLOUR_RE",
    "OPTION_KINDS",
    "PLACEMENT_FIELDS",
    "Font",
    "Option",
    "Value",
]


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Option:
    """One option of a product. Kind-specific fields are ``None``/empty for other kinds.

    - choice / multi_choice / colour: ``values`` (colour values' codes are ``#RRGGBB``);
      multi_choice adds ``min_selections``/``max_selections``; colour adds ``allow_custom``.
    - number: ``unit``, ``min``, ``max``, ``step``, ``default``.
    - text: ``max_length``, ``max_lines``, ``charsets``, ``extra_chars``, ``fonts``.
    - artwork: ``print_areas`` and ``placement_bounds`` (field -> (min, max)).
    """

    code: str
    kind: str
    label: Label
    group: str
    required: bool = False
    help: Label | None = None
    values: tuple[Value, ...] = ()
    default: str | None = None
    min_selections: int = 0
    max_selections: int | None = None
    allow_custom: bool = False
    unit: str = ""
    min: Decimal | None = None
    max: Decimal | None = None
    step: Decimal | None = None
    max_length: int | None = None
    max_lines: int = 1
    charsets: tuple[str, ...] = ()
    extra_chars: str = ""
    fonts: tuple[Font, ...] = ()
    print_areas: tuple[Value, ...] = ()
    placement_bounds: tuple[tuple[str, Decimal, Decimal], ...] = ()

    def value(self, code: str) -> Value | None:
        """Return the value with ``code`` (case-insensitive for colours), or ``None``."""
        for value in self.values:
            if value.code == code:
                return value
        return None

    def value_label(self, code: str) -> Label:
        """Return the label of value ``code``, or the code itself for custom values."""
        value = self.value(code)
        return value.label if value else Label(code, code)

    def number_grid(self) -> tuple[Decimal, Decimal, Decimal]:
        """Return a number option's (min, max, step); raises ``ValueError`` for other kinds."""
        if self.min is None or self.max is None or self.step is None:
            raise ValueError(f"Option {self.code} ({self.kind}) is not a number.")
        return self.min, self.max, self.step

    def bounds(self, field: str) -> tuple[Decimal, Decimal]:
        """Return the (min, max) of an artwork placement field."""
        for name, low, high in self.placement_bounds:
            if name == field:
                return low, high
        return DEFAULT_PLACEMENT_BOUNDS[field]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str, r: Reader) -> Option:
        """Return the option read from ``data``; problems are recorded on ``r``."""
        kind = data.get("kind")
        if kind not in OPTION_KINDS:
            r.add(f"{path}.kind", f"must be one of {', '.join(OPTION_KINDS)}")
        common: dict[str, Any] = {
            "code": r.code(data, "code", path),
            "kind": kind if kind in OPTION_KINDS else "choice",
            "label": r.label(data, "label", path),
            "group": r.code(data, "group", path),
            "required": r.boolean(data, "required", path, default=False),
            "help": r.optional_label(data, "help", path),
        }
        reader = KIND_READERS.get(kind) if isinstance(kind, str) else None
        extra = reader(data, path, r) if reader else {}
        return cls(**common, **extra)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-able dict that :meth:`from_dict` reads back to an equal option."""
        out: dict[str, Any] = {
            "code": self.code,
            "kind": self.kind,
            "label": self.label.to_dict(),
            "group": self.group,
            "required": self.required,
        }
        if self.help:
            out["help"] = self.help.to_dict()
        if self.kind in ("choice", "multi_choice", "colour"):
            out["values"] = [v.to_dict() for v in self.values]
        if self.kind in ("choice", "colour", "number") and self.default is not None:
            out["default"] = self.default
        if self.kind == "multi_choice":
            out["min_selections"] = self.min_selections
            out["max_selections"] = self.max_selections
        if self.kind == "colour":
            out["allow_custom"] = self.allow_custom
        if self.kind == "number":
            out |= {"unit": self.unit, "min": _dec(self.min), "max": _dec(self.max)}
            out["step"] = _dec(self.step)
        if self.kind == "text":
            out |= {"max_length": self.max_length, "max_lines": self.max_lines}
            out |= {"charsets": list(self.charsets), "extra_chars": self.extra_chars}
            out["fonts"] = [{"code": f.code, "label": f.label.to_dict()} for f in self.fonts]
        if self.kind == "artwork":
            out["print_areas"] = [
                {"code": a.code, "label": a.label.to_dict()} for a in self.print_areas
            ]
            out["placement_bounds"] = {
                name: [str(low), str(high)] for name, low, high in self.placement_bounds
            }
        return out
