"""Configuration errors and price texts in English and Simplified Chinese.

The texts are Django's translations (``locale/zh_Hans/LC_MESSAGES/django.po``), rendered
in both languages at once: a validation result carries ``{"en": ..., "zh-hans": ...}`` so
that the storefront and the API show either. Templates take machine params (numbers,
codes) and localized texts (option and value labels, which operators enter in both
languages as catalog data: a :class:`Label`), never raw user input: user-supplied text
reaches a message only through :func:`safe_excerpt`.
"""

# The Chinese texts (in the catalog) use full-width punctuation on purpose.

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

LANGUAGES = ("en", "zh-hans")


@dataclass(frozen=True, slots=True)
class Label:
    """A text in English and Simplified Chinese, as an operator entered it (catalog data)."""

    en: str
    zh_hans: str

    def to_dict(self) -> dict[str, str]:
        """Return ``{"en": ..., "zh-hans": ...}``."""
        return {"en": self.en, "zh-hans": self.zh_hans}

    def get(self, language: str) -> str:
        """Return the text in ``language`` ("en" or "zh-hans"); English for anything else."""
        return self.zh_hans if language == "zh-hans" else self.en


CONFIGURATION = _("Configuration")
QUANTITY = _("Quantity")
LIST_SEPARATOR = _(", ")  # "、" in Chinese

# code -> template; a count in its params picks the plural form where it has one.
TEMPLATES: dict[str, Promise] = {
    "invalid_input": _("The configuration must be an object with “quantity” and “options”."),
    "unknown_field": _("Unknown field “%(field)s”."),
    "unknown_option": _("Unknown option “%(option)s”."),
    "wrong_type": _("%(label)s: this value has the wrong type."),
    "required": _("%(label)s is required."),
    "invalid_choice": _("%(label)s: “%(value)s” is not one of the available choices."),
    "not_a_number": _("%(label)s: enter a number."),
    "out_of_range": _("%(label)s must be between %(min)s and %(max)s %(unit)s."),
    "off_step": _("%(label)s must be a multiple of %(step)s %(unit)s counted from %(min)s."),
    "too_long": ngettext_lazy(
        "%(label)s can have at most %(max_length)s character.",
        "%(label)s can have at most %(max_length)s characters.",
        "max_length",
    ),
    "invalid_characters": _("%(label)s cannot include %(characters)s."),
    "too_many_lines": ngettext_lazy(
        "%(label)s can have at most %(max_lines)s line.",
        "%(label)s can have at most %(max_lines)s lines.",
        "max_lines",
    ),
    "invalid_font": _("%(label)s: choose one of the offered fonts."),
    "too_few_selections": ngettext_lazy(
        "%(label)s: choose at least %(min)s item.",
        "%(label)s: choose at least %(min)s items.",
        "min",
    ),
    "too_many_selections": ngettext_lazy(
        "%(label)s: choose at most %(max)s item.",
        "%(label)s: choose at most %(max)s items.",
        "max",
    ),
    "duplicate_selection": _("%(label)s: each item can be chosen only once."),
    "invalid_colour": _("%(label)s: choose a colour from the palette."),
    "invalid_colour_code": _("%(label)s: enter a colour such as #1A2B3C."),
    "invalid_artwork": _("%(label)s: the artwork reference is not valid."),
    "invalid_print_area": _("%(label)s: choose one of the print areas."),
    "placement_out_of_range": _("%(label)s: %(field)s must be between %(min)s and %(max)s."),
    "excluded_by": _(
        "%(label)s “%(value_label)s” cannot be combined with %(other_label)s "
        "“%(other_value_label)s”."
    ),
    "requires": _(
        "%(other_label)s “%(other_value_label)s” requires %(label)s to be one of: "
        "%(allowed_labels)s."
    ),
    "requires_any": _("With %(other_label)s, %(label)s must be one of: %(allowed_labels)s."),
    "excluded_by_any": _("%(label)s “%(value_label)s” cannot be combined with %(other_label)s."),
    "quantity_invalid": _("Quantity must be a whole number."),
    "quantity_min": ngettext_lazy(
        "Order at least %(min)s piece.", "Order at least %(min)s pieces.", "min"
    ),
    "quantity_max": ngettext_lazy(
        "Order at most %(max)s piece.", "Order at most %(max)s pieces.", "max"
    ),
    "quantity_multiple": _("Quantity must be a multiple of %(multiple_of)s."),
}


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _text(value: object, language: str) -> object:
    """A label in ``language`` (the active one); numbers stay numbers (plural forms)."""
    if isinstance(value, Label):
        return value.get(language)
    return str(value) if isinstance(value, Promise) else value


def in_every_language(text: Promise, values: Mapping[str, object] | None = None) -> dict[str, str]:
    """Return ``{"en": ..., "zh-hans": ...}``: ``text`` (a lazy translation, ``%(name)s``
    placeholders) translated and filled in each language; a :class:`Label` among
    ``values`` gives its text in that language. A missing placeholder is left visible."""
    out: dict[str, str] = {}
    for language in LANGUAGES:
        with translation.override(language):
            filled = _Missing({k: _text(v, language) for k, v in (values or {}).items()})
            out[language] = (text % filled).replace("  ", " ").strip()
    return out


def render(
    code: str,
    *,
    label: Label | Promise | None = None,
    texts: Mapping[str, Label] | None = None,
    params: Mapping[str, Any] | None = None,
) -> dict[str, str]:
    """Return ``{"en": ..., "zh-hans": ...}`` for ``code``.

    ``label`` fills ``%(label)s``; ``texts`` fill other localized placeholders; ``params``
    fill language-neutral ones. Unknown codes fall back to the code itself; a missing
    placeholder is left visible rather than raising.
    """
    if code not in TEMPLATES:
        return {language: code for language in LANGUAGES}
    values = {**(params or {}), "label": label or CONFIGURATION, **(texts or {})}
    return in_every_language(TEMPLATES[code], values)


def join_labels(labels: list[Label]) -> Label:
    """Return one label listing ``labels`` (", " in English, "、" in Chinese)."""
    joined = []
    for language in LANGUAGES:
        with translation.override(language):
            joined.append(str(LIST_SEPARATOR).join(x.get(language) for x in labels))
    return Label(*joined)


def safe_excerpt(value: object, limit: int = 32) -> str:
    """Return a short, printable rendering of user input for use inside a message.

    Control, format (bidi, zero-width), private-use and unassigned characters are replaced
    by U+FFFD so a message can never carry a unicode trick back to the page.
    """
    text = value if isinstance(value, str) else type(value).__name__
    text = text[:limit]
    return "".join("\ufffd" if unicodedata.category(ch)[0] == "C" else ch for ch in text)
