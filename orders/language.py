"""The configurator's language code for the request's active language."""

from __future__ import annotations

from django.utils.translation import get_language


def current_language() -> str:
    """Return "zh-hans" or "en": the two languages the catalogue data is written in."""
    return "zh-hans" if (get_language() or "").lower().startswith("zh") else "en"
