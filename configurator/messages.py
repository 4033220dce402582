"""Bilingual (English / Simplified Chinese) texts for configuration errors.

Every error code maps to one template per language. Templates take machine params
(numbers, codes) and localized texts (option and value labels), never raw user input:
user-supplied text reaches a message only through :func:`safe_excerpt`.
"""

# Chinese texts use full-width punctuation and the multiplication sign on purpose.

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

LANGUAGES = ("en", "zh-hans")


@dataclass(frozen=True, slots=True)
class Label:
    """A text in English and Simplified Chinese."""

    en: str
    zh_hans: str

    def to_dict(self) -> dict[str, str]:
        """Return ``{"en": ..., "zh-hans": ...}``."""
        return {"en": self.en, "zh-hans": self.zh_hans}

    def get(self, language: str) -> str:
        """Return the text in ``language`` ("en" or "zh-hans"); English for anything else."""
        return self.zh_hans if language == "zh-hans" else self.en


CONFIGURATION = Label("Configuration", "配置")
QUANTITY = Label("Quantity", "数量")

# code -> (English, Simplified Chinese)
TEMPLATES: dict[str, tuple[str, str]] = {
    "invalid_input": (
        "The configuration must be an object with “quantity” and “options”.",
        "配置必须是包含“quantity”和“options”的对象。",
    ),
    "unknown_field": ("Unknown field “{field}”.", "未知字段“{field}”。"),
    "unknown_option": ("Unknown option “{option}”.", "未知选项“{option}”。"),
    "wrong_type": ("{label}: this value has the wrong type.", "{label}：值的类型不正确。"),
    "required": ("{label} is required.", "请填写{label}。"),
    "invalid_choice": (
        "{label}: “{value}” is not one of the available choices.",
        "{label}：“{value}”不是可选项。",
    ),
    "not_a_number": ("{label}: enter a number.", "{label}：请输入数字。"),
    "out_of_range": (
        "{label} must be between {min} and {max} {unit}.",
        "{label}必须在{min}到{max}{unit}之间。",
    ),
    "off_step": (
        "{label} must be a multiple of {step} {unit} counted from {min}.",
        "{label}必须从{min}起按{step}{unit}递增。",
    ),
    "too_long": (
        "{label} can have at most {max_length} characters.",
        "{label}最多只能有{max_length}个字符。",
    ),
    "invalid_characters": (
        "{label} contains characters we cannot produce: {characters}.",
        "{label}包含无法制作的字符：{characters}。",
    ),
    "too_many_lines": (
        "{label} can have at most {max_lines} lines.",
        "{label}最多只能有{max_lines}行。",
    ),
    "invalid_font": ("{label}: choose one of the offered fonts.", "{label}：请选择提供的字体。"),
    "too_few_selections": (
        "{label}: choose at least {min} items.",
        "{label}：请至少选择{min}项。",
    ),
    "too_many_selections": (
        "{label}: choose at most {max} items.",
        "{label}：最多只能选择{max}项。",
    ),
    "duplicate_selection": (
        "{label}: each item can be chosen only once.",
        "{label}：每一项只能选择一次。",
    ),
    "invalid_colour": (
        "{label}: choose a colour from the palette.",
        "{label}：请从色板中选择颜色。",
    ),
    "invalid_colour_code": (
        "{label}: enter a colour such as #1A2B3C.",
        "{label}：请输入颜色代码，例如 #1A2B3C。",
    ),
    "invalid_artwork": (
        "{label}: the artwork reference is not valid.",
        "{label}：图稿编号无效。",
    ),
    "invalid_print_area": (
        "{label}: choose one of the print areas.",
        "{label}：请选择印刷区域。",
    ),
    "placement_out_of_range": (
        "{label}: {field} must be between {min} and {max}.",
        "{label}：{field}必须在{min}到{max}之间。",
    ),
    "excluded_by": (
        "{label} “{value_label}” cannot be combined with {other_label} “{other_value_label}”.",
        "{label}“{value_label}”不能与{other_label}“{other_value_label}”同时选择。",
    ),
    "requires": (
        "{other_label} “{other_value_label}” requires {label} to be one of: {allowed_labels}.",
        "选择{other_label}“{other_value_label}”时，{label}只能为：{allowed_labels}。",
    ),
    "requires_any": (
        "With {other_label}, {label} must be one of: {allowed_labels}.",
        "填写{other_label}时，{label}只能为：{allowed_labels}。",
    ),
    "excluded_by_any": (
        "{label} “{value_label}” cannot be combined with {other_label}.",
        "{label}“{value_label}”不能与{other_label}同时选择。",
    ),
    "quantity_invalid": (
        "Quantity must be a whole number.",
        "数量必须是整数。",
    ),
    "quantity_min": ("Order at least {min} pieces.", "最少订购{min}件。"),
    "quantity_max": ("Order at most {max} pieces.", "最多订购{max}件。"),
    "quantity_multiple": (
        "Quantity must be a multiple of {multiple_of}.",
        "数量必须是{multiple_of}的倍数。",
    ),
}


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def render(
    code: str,
    *,
    label: Label | None = None,
    texts: Mapping[str, Label] | None = None,
    params: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """Return ``{"en": ..., "zh-hans": ...}`` for ``code``.

    ``label`` fills ``{label}``; ``texts`` fill other localized placeholders; ``params``
    fill language-neutral ones. Unknown codes fall back to the code itself; a missing
    placeholder is left visible rather than raising.
    """
    english, chinese = TEMPLATES.get(code, (code, code))
    out: dict[str, str] = {}
    for language, template in (("en", english), ("zh-hans", chinese)):
        values = _Missing({k: str(v) for k, v in (params or {}).items()})
        values["label"] = (label or CONFIGURATION).get(language)
        for key, text in (texts or {}).items():
            values[key] = text.get(language)
        out[language] = template.format_map(values).replace("  ", " ").strip()
    return out


def join_labels(labels: list[Label]) -> Label:
    """Return one label listing ``labels`` (", " in English, "、" in Chinese)."""
    return Label(", ".join(x.en for x in labels), "、".join(x.zh_hans for x in labels))


def safe_excerpt(value: object, limit: int = 32) -> str:
    """Return a short, printable rendering of user input for use inside a message.

    Control, format (bidi, zero-width), private-use and unassigned characters are replaced
    by U+FFFD so a message can never carry a unicode trick back to the page.
    """
    text = value if isinstance(value, str) else type(value).__name__
    text = text[:limit]
    return "".join("\ufffd" if unicodedata.category(ch)[0] == "C" else ch for ch in text)
