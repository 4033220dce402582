"""Characters a text option refuses, named in the shopper's words: "the emoji 🎉",
"“ß”", "an invisible character (zero width space)"; never a code point, and never an
invisible or direction-changing character itself."""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext_lazy as _

from .messages import Label, in_every_language, join_labels

# Joiners and variation selectors that only shape the emoji before them.
_EMOJI_GLUE = frozenset({"\u200d", "\ufe0e", "\ufe0f"})
# Categories drawn as a character of their own: letters, numbers, punctuation, symbols.
_VISIBLE = ("L", "N", "P", "S")

EMOJI = _("the emoji %(character)s")
CHARACTER = _("“%(character)s”")
INVISIBLE = _("an invisible character (%(name)s)")
MARK = _("an accent mark on its own (%(name)s)")


def is_emoji(ch: str) -> bool:
    """Pictographs, emoticons and the like (not letters, digits or plain symbols)."""
    code = ord(ch)
    return unicodedata.category(ch) == "So" and (
        code >= 0x1F000 or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF
    )


def characters_in_words(characters: list[str]) -> Label:
    """``characters`` (each once, in the order met) named in both languages, joined as a
    list ("the emoji 🎉, “ß”"); what only shapes an emoji is left out with it."""
    emoji = any(is_emoji(ch) for ch in characters)
    return join_labels([_name(ch) for ch in characters if not (emoji and ch in _EMOJI_GLUE)])


def _name(ch: str) -> Label:
    if is_emoji(ch):
        text = in_every_language(EMOJI, {"character": ch})
    elif unicodedata.category(ch)[0] in _VISIBLE:
        text = in_every_language(CHARACTER, {"character": ch})
    else:
        name = unicodedata.name(ch, "").lower() or f"u+{ord(ch):04x}"
        kind = MARK if unicodedata.category(ch)[0] == "M" else INVISIBLE
        text = in_every_language(kind, {"name": name})
    return Label(text["en"], text["zh-hans"])
