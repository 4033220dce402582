"""Option kinds of a product definition: frozen dataclasses built from, and back to, dicts."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ._reader import Reader
from .messages import Label

OPTION_KINDS = ("choice", "multi_choice", "colour", "number", "text", "artwork")
CHARSETS = ("latin", "latin_extended", "digits", "cjk")
HEX_COLOUR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
PLACEMENT_FIELDS = ("offset_x", "offset_y", "scale")
DEFAULT_PLACEMENT_BOUNDS = {
    "offset_x": (Decimal("-1"), Decimal("1")),
    "offset_y": (Decimal("-1"), Decimal("1")),
    "scale": (Decimal("0.1"), Decimal("1")),
}


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True, slots=True)
class Value:
    """One selectable value of a choice, multi-choice or colour option (``code`` is the key)."""

    code: str
    label: Label
    price_delta: Decimal = Decimal(0)
    swatch: str | None = None
    image_url: str | None = None
    extra_lead_days: int = 0

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], path: str, r: Reader) -> Value:
        swatch = r.optional_string(data, "swatch", path)
        if swatch is not None and not HEX_COLOUR_RE.match(swatch):
            r.add(f"{path}.swatch", "must be a hex colour like #1A2B3C")
        return cls(
            code=r.code(data, "code", path),
            label=r.label(data, "label", path),
            price_delta=r.decimal(data, "price_delta", path, default="0"),
            swatch=swatch.upper() if swatch else None,
            image_url=r.optional_string(data, "image_url", path),
            extra_lead_days=r.integer(data, "extra_lead_days", path, default=0, minimum=0),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"code": self.code, "label": self.label.to_dict()}
        out["price_delta"] = str(self.price_delta)
        if self.swatch:
            out["swatch"] = self.swatch
        if self.image_url:
            out["image_url"] = self.image_url
        if self.extra_lead_days:
            out["extra_lead_days"] = self.extra_lead_days
        return out


@dataclass(frozen=True, slots=True)
class Font:
    code: str
    label: Label


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
        common = {
            "code": r.code(data, "code", path),
            "kind": kind if kind in OPTION_KINDS else "choice",
            "label": r.label(data, "label", path),
            "group": r.code(data, "group", path),
            "required": r.boolean(data, "required", path, default=False),
            "help": r.optional_label(data, "help", path),
        }
        reader = _KIND_READERS.get(kind) if isinstance(kind, str) else None
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


def _read_values(data: Mapping[str, Any], path: str, r: Reader) -> tuple[Value, ...]:
    values = tuple(
        Value.from_dict(r.mapping(item, f"{path}.values[{i}]"), f"{path}.values[{i}]", r)
        for i, item in enumerate(r.items(data, "values", path))
    )
    r.unique([v.code for v in values], f"{path}.values")
    return values


def _read_choice(data: Mapping[str, Any], path: str, r: Reader) -> dict[str, Any]:
    values = _read_values(data, path, r)
    if not values:
        r.add(f"{path}.values", "a choice needs at least one value")
    default = r.optional_string(data, "default", path)
    if default is not None and default not in {v.code for v in values}:
        r.add(f"{path}.default", f"{default!r} is not one of the values")
    return {"values": values, "default": default}


def _read_multi_choice(data: Mapping[str, Any], path: str, r: Reader) -> dict[str, Any]:
    values = _read_values(data, path, r)
    low = r.integer(data, "min_selections", path, default=0, minimum=0)
    high = r.optional_integer(data, "max_selections", path)
    if high is not None and high < max(low, 1):
        r.add(f"{path}.max_selections", "must be at least min_selections and at least 1")
    if low > len(values):
        r.add(f"{path}.min_selections", "is more than the number of values")
    return {"values": values, "min_selections": low, "max_selections": high}


def _read_colour(data: Mapping[str, Any], path: str, r: Reader) -> dict[str, Any]:
    values = _read_values(data, path, r)
    for i, value in enumerate(values):
        if not HEX_COLOUR_RE.match(value.code) or value.code != value.code.upper():
            r.add(f"{path}.values[{i}].code", "a colour value's code is its #RRGGBB hex")
    allow_custom = r.boolean(data, "allow_custom", path, default=False)
    if not values and not allow_custom:
        r.add(f"{path}.values", "a colour needs a palette or allow_custom")
    default = r.optional_string(data, "default", path)
    if default is not None and default not in {v.code for v in values}:
        r.add(f"{path}.default", f"{default!r} is not in the palette")
    return {"values": values, "allow_custom": allow_custom, "default": default}


def _read_number(data: Mapping[str, Any], path: str, r: Reader) -> dict[str, Any]:
    low, high = r.decimal(data, "min", path), r.decimal(data, "max", path)
    step = r.decimal(data, "step", path, default="1")
    if low > high:
        r.add(path, f"min {low} is greater than max {high}")
    if step <= 0:
        r.add(f"{path}.step", "must be greater than 0")
    default = r.optional_decimal(data, "default", path)
    if default is not None and step > 0:
        if not low <= default <= high:
            r.add(f"{path}.default", "must lie between min and max")
        elif (default - low) % step:
            r.add(f"{path}.default", "must lie on the step grid")
    unit = data.get("unit", "")
    if not isinstance(unit, str):
        r.add(f"{path}.unit", "must be a string")
        unit = ""
    return {
        "unit": unit,
        "min": low,
        "max": high,
        "step": step,
        "default": None if default is None else str(default),
    }


def _read_text(data: Mapping[str, Any], path: str, r: Reader) -> dict[str, Any]:
    charsets = r.items(data, "charsets", path)
    for name in charsets:
        if name not in CHARSETS:
            r.add(f"{path}.charsets", f"{name!r} is not one of {', '.join(CHARSETS)}")
    extra = data.get("extra_chars", "")
    if not isinstance(extra, str):
        r.add(f"{path}.extra_chars", "must be a string")
        extra = ""
    if any(unicodedata.category(ch)[0] in "CZ" and ch != " " for ch in extra):
        r.add(f"{path}.extra_chars", "must not contain control, format or separator characters")
    if not charsets and not extra:
        r.add(f"{path}.charsets", "a text option needs at least one character set")
    fonts = tuple(
        Font(r.code(f, "code", p), r.label(f, "label", p))
        for i, item in enumerate(r.items(data, "fonts", path))
        for p in [f"{path}.fonts[{i}]"]
        for f in [r.mapping(item, p)]
    )
    r.unique([f.code for f in fonts], f"{path}.fonts")
    return {
        "max_length": r.integer(data, "max_length", path, minimum=1),
        "max_lines": r.integer(data, "max_lines", path, default=1, minimum=1),
        "charsets": tuple(str(c) for c in charsets),
        "extra_chars": extra,
        "fonts": fonts,
    }


def _read_artwork(data: Mapping[str, Any], path: str, r: Reader) -> dict[str, Any]:
    areas = tuple(
        Value(r.code(a, "code", p), r.label(a, "label", p))
        for i, item in enumerate(r.items(data, "print_areas", path))
        for p in [f"{path}.print_areas[{i}]"]
        for a in [r.mapping(item, p)]
    )
    if not areas:
        r.add(f"{path}.print_areas", "an artwork option needs at least one print area")
    r.unique([a.code for a in areas], f"{path}.print_areas")
    raw_bounds = r.mapping(data.get("placement_bounds", {}), f"{path}.placement_bounds")
    bounds = []
    for name in PLACEMENT_FIELDS:
        pair = raw_bounds.get(name, [str(x) for x in DEFAULT_PLACEMENT_BOUNDS[name]])
        p = f"{path}.placement_bounds.{name}"
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            r.add(p, "must be [min, max]")
            continue
        low, high = r.decimal({"v": pair[0]}, "v", p), r.decimal({"v": pair[1]}, "v", p)
        if low > high or (name == "scale" and low <= 0):
            r.add(p, "needs min <= max (and a positive scale)")
        bounds.append((name, low, high))
    for name in raw_bounds:
        if name not in PLACEMENT_FIELDS:
            r.add(f"{path}.placement_bounds", f"unknown field {name!r}")
    return {"print_areas": areas, "placement_bounds": tuple(bounds)}


_KIND_READERS = {
    "choice": _read_choice,
    "multi_choice": _read_multi_choice,
    "colour": _read_colour,
    "number": _read_number,
    "text": _read_text,
    "artwork": _read_artwork,
}
