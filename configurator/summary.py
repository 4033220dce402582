"""A normalized configuration in words: what a person (or a factory) reads."""

from __future__ import annotations

from typing import Any

from .definition import ProductDefinition
from .options import Option


def summarize(
    definition: ProductDefinition, values: dict[str, Any], language: str = "en"
) -> list[list[str]]:
    """Return ``[[option label, value in words], ...]`` in definition order."""
    return [
        [option.label.get(language), describe(option, values[option.code], language)]
        for option in definition.options
        if option.code in values
    ]


def describe(option: Option, value: Any, language: str = "en") -> str:
    """Return one normalized value in words, e.g. ``120 cm`` or ``"Li Wei" (Serif)``."""
    labels = {v.code: v.label.get(language) for v in option.values}
    if option.kind == "multi_choice":
        return ", ".join(labels.get(code, code) for code in value)
    if option.kind in {"choice", "colour"}:
        return labels.get(value, value)
    if option.kind == "number":
        return f"{value} {option.unit}".strip()
    if option.kind == "text":
        fonts = {f.code: f.label.get(language) for f in option.fonts}
        font = fonts.get(value.get("font"), value.get("font"))
        text = value["text"].replace("\n", " / ")
        return f"“{text}” ({font})" if font else f"“{text}”"
    if option.kind == "artwork":
        areas = {a.code: a.label.get(language) for a in option.print_areas}
        area = areas.get(value["print_area"], value["print_area"])
        return f"{area}: artwork {value['artwork_id']} (scale {value['placement']['scale']})"
    return str(value)
