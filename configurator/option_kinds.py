"""Per-kind parts of an option: selectable values, fonts and the readers of each kind."""

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


KIND_READERS = {
    "choice": _read_choice,
    "multi_choice": _read_multi_choice,
    "colour": _read_colour,
    "number": _read_number,
    "text": _read_text,
    "artwork": _read_artwork,
}
