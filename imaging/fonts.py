"""The font registry: which font file draws each font code a product offers.

A product's text option offers font *codes* (``serif``, ``script``, ``kai``, ``block``); each
code names a chain of faces. A character is drawn in the first face of the chain that has a
glyph for it, so "李伟 & Ben" in ``serif`` draws "& Ben" in TeX Gyre Termes and "李伟" in
AR PL UMing (a Song/Ming face), on one baseline. The faces come from Debian font packages
(installed by ``bin/setup``) or are shipped in ``imaging/data/fonts``; a missing file raises
``FontFileMissing`` naming the package, never a quiet fallback to another face.

The same registry feeds the raster preview and print files (Pillow) and the vector
engraving files (fontTools outlines), so what the customer saw is what the laser cuts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from PIL import ImageFont

SHIPPED = Path(__file__).resolve().parent / "data" / "fonts"
TEX_GYRE = Path("/usr/share/texmf/fonts/opentype/public/tex-gyre")
ARPHIC = Path("/usr/share/fonts/truetype/arphic")
WQY = Path("/usr/share/fonts/truetype/wqy")
MAX_FONT_PX = 6000
# fontTools loads tables and glyphs lazily and is not thread-safe: whoever reads a
# ``ttfont()`` (cmaps here, outlines in production.files.vector_text) holds this lock.
FONTTOOLS_LOCK = threading.RLock()


@dataclass(frozen=True, slots=True)
class FontFace:
    """One font file (``index`` picks the face inside a .ttc collection) and where it comes
    from: the package that installs it and its licence."""

    family: str
    path: Path
    package: str
    licence: str
    index: int = 0


_GUST = "GUST Font License (LPPL-based, free)"
_ARPHIC = "Arphic Public License"
FACES: dict[str, FontFace] = {
    "termes": FontFace(
        "TeX Gyre Termes", TEX_GYRE / "texgyretermes-regular.otf", "fonts-texgyre", _GUST
    ),
    "chorus": FontFace(
        "TeX Gyre Chorus", TEX_GYRE / "texgyrechorus-mediumitalic.otf", "fonts-texgyre", _GUST
    ),
    "heros-bold": FontFace(
        "TeX Gyre Heros Bold", TEX_GYRE / "texgyreheros-bold.otf", "fonts-texgyre", _GUST
    ),
    "ukai": FontFace("AR PL UKai CN", ARPHIC / "ukai.ttc", "fonts-arphic-ukai", _ARPHIC),
    "uming": FontFace("AR PL UMing CN", ARPHIC / "uming.ttc", "fonts-arphic-uming", _ARPHIC),
    "microhei": FontFace(
        "WenQuanYi Micro Hei",
        WQY / "wqy-microhei.ttc",
        "fonts-wqy-microhei",
        "Apache License 2.0 or GPLv3 with font exception",
    ),
    "dejavu-sans": FontFace(
        "DejaVu Sans", SHIPPED / "DejaVuSans.ttf", "shipped (fonts-dejavu-core)", "Bitstream Vera"
    ),
    "dejavu-sans-bold": FontFace(
        "DejaVu Sans Bold",
        SHIPPED / "DejaVuSans-Bold.ttf",
        "shipped (fonts-dejavu-core)",
        "Bitstream Vera",
    ),
    "dejavu-serif": FontFace(
        "DejaVu Serif", SHIPPED / "DejaVuSerif.ttf", "shipped (fonts-dejavu-core)", "Bitstream Vera"
    ),
    "dejavu-mono": FontFace(
        "DejaVu Sans Mono",
        SHIPPED / "DejaVuSansMono.ttf",
        "shipped (fonts-dejavu-core)",
        "Bitstream Vera",
    ),
    "droid-fallback": FontFace(
        "Droid Sans Fallback",
        SHIPPED / "DroidSansFallbackFull.ttf",
        "shipped (fonts-droid-fallback)",
        "Apache License 2.0",
    ),
}

# Font code -> faces, first choice first. The last face of each chain is DejaVu Sans, for
# symbols (♥) the main faces lack; CJK goes to a Chinese face of the same character.
FONTS: dict[str, tuple[str, ...]] = {
    # Codes products offer (see the configurator's option definitions).
    "serif": ("termes", "uming", "dejavu-sans"),
    "script": ("chorus", "ukai", "dejavu-sans"),
    "kai": ("ukai", "dejavu-sans"),
    "song": ("uming", "dejavu-sans"),
    "hei": ("microhei", "dejavu-sans"),
    "block": ("heros-bold", "microhei", "dejavu-sans"),
    "sans": ("dejavu-sans", "microhei"),
    # Face names used by the preview's defaults and the job ticket.
    "DejaVuSans": ("dejavu-sans", "droid-fallback"),
    "DejaVuSans-Bold": ("dejavu-sans-bold", "droid-fallback"),
    "DejaVuSerif": ("dejavu-serif", "droid-fallback"),
    "DejaVuSansMono": ("dejavu-mono", "droid-fallback"),
}
DEFAULT_FONT = "DejaVuSans"
# The CJK face of PDFs (reportlab embeds TrueType outlines only; Droid is TrueType).
PDF_CJK_FACE = "droid-fallback"


class UnknownFont(ValueError):
    """The font code is not one of ``FONTS``."""


class FontFileMissing(OSError):
    """A registered font's file is not installed; the message names the package."""


def face_path(key: str) -> Path:
    """The installed file of face ``key``; raises ``FontFileMissing`` when it is absent."""
    face = FACES[key]
    if not face.path.is_file():
        raise FontFileMissing(
            f"font file {face.path} ({face.family}) is missing: install the "
            f"{face.package} package (bin/setup does)"
        )
    return face.path


def faces_for(code: str) -> tuple[str, ...]:
    """The face keys of font ``code``; raises ``UnknownFont`` for a code outside ``FONTS``."""
    try:
        return FONTS[code]
    except KeyError:
        raise UnknownFont(f"unknown font {code!r}; choose one of {sorted(FONTS)}") from None


def face_runs(code: str, text: str) -> Iterator[tuple[str, str]]:
    """``text`` cut into runs of (face key, characters): each character in the first face
    of the code's chain that has a glyph for it (the first face when none has).

    Raises ``UnknownFont`` and ``FontFileMissing``.
    """
    chain = faces_for(code)

    def face_of(char: str) -> str:
        if char.isspace():
            return chain[0]
        return next((key for key in chain if ord(char) in _cmap(key)), chain[0])

    for key, chars in groupby(text, key=face_of):
        yield key, "".join(chars)


def needs_cjk(text: str) -> bool:
    """True when ``text`` holds Chinese/Japanese/Korean characters DejaVu cannot draw."""
    return any(_is_cjk(char) for char in text)


def font_runs(name: str, size_px: int, text: str) -> list[tuple[ImageFont.FreeTypeFont, str]]:
    """``text`` (one line) cut into runs, each with the Pillow font that draws it.

    Raises ``UnknownFont`` for a code outside ``FONTS`` and ``FontFileMissing``.
    """
    size_px = max(1, min(int(size_px), MAX_FONT_PX))
    return [(_load(key, size_px), chars) for key, chars in face_runs(name, text)]


def missing_glyphs(code: str, text: str) -> str:
    """The characters of ``text`` no face of ``code`` can draw (they would print as boxes)."""
    chain = faces_for(code)
    return "".join(
        sorted(
            {c for c in text if not c.isspace() and not any(ord(c) in _cmap(key) for key in chain)}
        )
    )


def _is_cjk(char: str) -> bool:
    point = ord(char)
    return (
        0x2E80 <= point <= 0x9FFF
        or 0xAC00 <= point <= 0xD7AF
        or 0xF900 <= point <= 0xFAFF
        or 0xFF00 <= point <= 0xFFEF
        or 0x20000 <= point <= 0x2FA1F
    )


@lru_cache(maxsize=16)
def ttfont(key: str):
    """The fontTools font of face ``key`` (outlines for vector files), loaded lazily once."""
    from fontTools.ttLib import TTFont

    return TTFont(str(face_path(key)), fontNumber=FACES[key].index, lazy=True)


@lru_cache(maxsize=16)
def _cmap(key: str) -> frozenset[int]:
    with FONTTOOLS_LOCK:
        return frozenset(ttfont(key).getBestCmap() or {})


@lru_cache(maxsize=128)
def _load(key: str, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(face_path(key)), size_px, index=FACES[key].index)
