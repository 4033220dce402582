"""The fonts customers can choose for text, loaded once per (font, size) and reused."""

from __future__ import annotations

import re
from functools import lru_cache
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
# (path, face index): the Simplified Chinese face of system Noto CJK collections. No CJK font
# is shipped (too large); see c2m/static/fonts/README.md.
CJK_FALLBACK_PATHS: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),
)
_CJK = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f]")
MAX_FONT_PX = 6000


class UnknownFont(ValueError):
    """The font name is not one of ``FONTS``."""


def needs_cjk(text: str) -> bool:
    """True when ``text`` holds Chinese/Japanese/Korean characters DejaVu cannot draw."""
    return bool(_CJK.search(text))


def font_for(name: str, size_px: int, text: str = "") -> ImageFont.FreeTypeFont:
    """The font ``name`` at ``size_px`` (cached), or the CJK fallback if ``text`` needs it.

    Raises ``UnknownFont`` for a name outside ``FONTS``.
    """
    if name not in FONTS:
        raise UnknownFont(f"unknown font {name!r}; choose one of {sorted(FONTS)}")
    size_px = max(1, min(int(size_px), MAX_FONT_PX))
    if text and needs_cjk(text) and cjk_fallback() is not None:
        return _load_cjk(size_px)
    return _load(name, size_px)


@lru_cache(maxsize=1)
def cjk_fallback() -> tuple[str, int] | None:
    """The first installed CJK font (path, face index), or None."""
    for path, index in CJK_FALLBACK_PATHS:
        if Path(path).is_file():
            return path, index
    return None


@lru_cache(maxsize=64)
def _load(name: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / FONTS[name]), size_px)


@lru_cache(maxsize=16)
def _load_cjk(size_px: int) -> ImageFont.FreeTypeFont:
    path, index = cjk_fallback()  # type: ignore[misc]
    return ImageFont.truetype(path, size_px, index=index)
