"""The fonts customers can choose for text, loaded once per (font, size) and reused.

DejaVu has no Chinese, Japanese or Korean glyphs, so text is drawn in runs: CJK characters
in the shipped Droid Sans Fallback, everything else in the customer's chosen font.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path(__file__).resolve().parents[2] / "c2m" / "static" / "fonts"
FONTS: dict[str, str] = {
    "DejaVuSans": "DejaVuSans.ttf",
    "DejaVuSans-Bold": "DejaVuSans-Bold.ttf",
    "DejaVuSerif": "DejaVuSerif.ttf",
    "DejaVuSansMono": "DejaVuSansMono.ttf",
}
DEFAULT_FONT = "DejaVuSans"
CJK_FONT = "DroidSansFallbackFull.ttf"
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")
MAX_FONT_PX = 6000


class UnknownFont(ValueError):
    """The font name is not one of ``FONTS``."""


def needs_cjk(text: str) -> bool:
    """True when ``text`` holds Chinese/Japanese/Korean characters DejaVu cannot draw."""
    return bool(_CJK.search(text))


def font_runs(name: str, size_px: int, text: str) -> list[tuple[ImageFont.FreeTypeFont, str]]:
    """``text`` (one line) cut into runs, each with the font that draws it.

    Raises ``UnknownFont`` for a name outside ``FONTS``.
    """
    if name not in FONTS:
        raise UnknownFont(f"unknown font {name!r}; choose one of {sorted(FONTS)}")
    size_px = max(1, min(int(size_px), MAX_FONT_PX))
    return [
        (_load(CJK_FONT if cjk else FONTS[name], size_px), "".join(chars))
        for cjk, chars in groupby(text, key=needs_cjk)
    ]


@lru_cache(maxsize=64)
def _load(filename: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / filename), size_px)
