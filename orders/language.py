"""The active language as the catalogue data names it, and picking a text in it."""

from __future__ import annotations

from django.utils.translation import get_language


def current_language() -> str:
    """Return "zh-hans" or "en": the two languages the catalogue data is written in."""
    return "zh-hans" if (get_language() or "").lower().startswith("zh") else "en"


def in_reader_language(english: str, chinese: str = "") -> str:
    """``chinese`` for a Chinese reader when there is one, else ``english``."""
    return chinese if chinese and current_language() == "zh-hans" else english
