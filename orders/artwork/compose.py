"""Drawing placed artwork and text into a print area's canvas: shared by preview and print."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PIL import Image, ImageColor, ImageDraw

from .fonts import DEFAULT_FONT, font_for
from .geometry import Placement, fitted_size

_REFERENCE_PX = 200


@dataclass(frozen=True, slots=True)
class ArtworkLayer:
    """An image placed in the print area called ``area``.

    ``cache_key`` (e.g. the upload's sha256) lets previews reuse the image already scaled to
    the area; give it only when equal keys mean equal pixels.
    """

    image: Image.Image
    area: str
    placement: Placement = field(default_factory=Placement)
    cache_key: str | None = None


@dataclass(frozen=True, slots=True)
class TextLayer:
    """Text placed in ``area``; ``placement.scale`` 1.0 fits the text block to the area.

    ``colour`` is any CSS colour Pillow understands (``#1a1a1a``, ``white``).
    """

    text: str
    area: str
    font: str = DEFAULT_FONT
    colour: str = "#000000"
    placement: Placement = field(default_factory=Placement)


def place_image(
    canvas: Image.Image,
    content: Image.Image,
    placement: Placement,
    *,
    resample: Image.Resampling = Image.Resampling.LANCZOS,
    presized: bool = False,
) -> None:
    """Composite ``content`` onto the RGBA ``canvas`` (an area) where ``placement`` says.

    The content is fitted and scaled to the canvas (unless ``presized``), rotated, and
    clipped to the canvas edges. Modifies ``canvas`` in place.
    """
    if content.mode != "RGBA":
        content = content.convert("RGBA")
    if not presized:
        w, h = fitted_size(
            content.width, content.height, canvas.width, canvas.height, placement.scale
        )
        size = (max(1, round(w)), max(1, round(h)))
        if size != content.size:
            content = content.resize(size, resample, reducing_gap=3.0)
    if placement.rotation_deg % 360:
        content = content.rotate(
            placement.rotation_deg, resample=Image.Resampling.BICUBIC, expand=True
        )
    cx = canvas.width / 2 + placement.offset_x * canvas.width
    cy = canvas.height / 2 + placement.offset_y * canvas.height
    paste_clipped(canvas, content, round(cx - content.width / 2), round(cy - content.height / 2))


def fit_to(
    content: Image.Image,
    area_size: tuple[int, int],
    scale: float,
    resample: Image.Resampling = Image.Resampling.LANCZOS,
) -> Image.Image:
    """``content`` as RGBA, resized to its fitted-and-scaled size in an area of ``area_size``."""
    if content.mode != "RGBA":
        content = content.convert("RGBA")
    w, h = fitted_size(content.width, content.height, area_size[0], area_size[1], scale)
    size = (max(1, round(w)), max(1, round(h)))
    if size != content.size:
        content = content.resize(size, resample, reducing_gap=3.0)
    return content


def paste_clipped(canvas: Image.Image, content: Image.Image, x: int, y: int) -> None:
    """Alpha-composite ``content`` at (x, y) on ``canvas``, dropping what falls outside."""
    left, top = max(0, x), max(0, y)
    right = min(canvas.width, x + content.width)
    bottom = min(canvas.height, y + content.height)
    if right <= left or bottom <= top:
        return
    canvas.alpha_composite(
        content, dest=(left, top), source=(left - x, top - y, right - x, bottom - y)
    )


def place_text(canvas: Image.Image, layer: TextLayer, *, colour: str | None = None) -> None:
    """Render ``layer``'s text at the size its placement gives and composite it on ``canvas``.

    Raises ``UnknownFont`` for an unknown font and ``ValueError`` for an unknown colour.
    """
    if not layer.text.strip():
        return
    rgb = ImageColor.getrgb(colour or layer.colour)
    ref_w, ref_h = _text_extent(layer.text, layer.font, _REFERENCE_PX)
    w, _ = fitted_size(ref_w, ref_h, canvas.width, canvas.height, layer.placement.scale)
    size_px = max(1, int(_REFERENCE_PX * w / ref_w))
    place_image(
        canvas, render_text(layer.text, layer.font, size_px, rgb), layer.placement, presized=True
    )


def render_text(text: str, font_name: str, size_px: int, rgb: tuple[int, ...]) -> Image.Image:
    """``text`` as a tight RGBA image: ``rgb`` glyphs on transparency, lines centred."""
    font = font_for(font_name, size_px, text)
    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    left, top, right, bottom = _bbox(
        draw.multiline_textbbox((0, 0), text, font=font, align="center")
    )
    mask = Image.new("L", (max(1, right - left), max(1, bottom - top)), 0)
    ImageDraw.Draw(mask).multiline_text((-left, -top), text, font=font, fill=255, align="center")
    image = Image.new("RGBA", mask.size, (*rgb[:3], 0))
    image.putalpha(mask)
    return image


def _text_extent(text: str, font_name: str, size_px: int) -> tuple[int, int]:
    font = font_for(font_name, size_px, text)
    draw = ImageDraw.Draw(Image.new("L", (1, 1)))
    left, top, right, bottom = _bbox(
        draw.multiline_textbbox((0, 0), text, font=font, align="center")
    )
    return max(1, right - left), max(1, bottom - top)


def _bbox(box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    """Whole-pixel box enclosing Pillow's (possibly fractional) text bbox."""
    return math.floor(box[0]), math.floor(box[1]), math.ceil(box[2]), math.ceil(box[3])
