"""Drawing placed artwork and text into a print area's canvas: shared by preview and print."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PIL import Image, ImageColor, ImageDraw

from .fonts import DEFAULT_FONT, font_runs
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
    mask = _text_mask(text, font_name, size_px)
    image = Image.new("RGBA", mask.size, (*rgb[:3], 0))
    image.putalpha(mask)
    return image


def _text_extent(text: str, font_name: str, size_px: int) -> tuple[int, int]:
    return _text_mask(text, font_name, size_px).size


def _text_mask(text: str, font_name: str, size_px: int) -> Image.Image:
    """The glyphs' coverage, cropped to the ink: each line's runs share one baseline."""
    lines = [_line_mask(line, font_name, size_px) for line in text.split("\n")]
    gap = max(1, size_px // 10)
    width = max(line.width for line in lines)
    mask = Image.new("L", (width, sum(line.height for line in lines) + gap * (len(lines) - 1)))
    y = 0
    for line in lines:
        mask.paste(line, ((width - line.width) // 2, y))
        y += line.height + gap
    box = mask.getbbox()
    return mask.crop(box) if box else Image.new("L", (1, 1), 0)


def _line_mask(line: str, font_name: str, size_px: int) -> Image.Image:
    """One line on its baseline, cropped left and right to its ink (full line height kept)."""
    runs = font_runs(font_name, size_px, line)
    ascent = max((font.getmetrics()[0] for font, _ in runs), default=size_px)
    descent = max((font.getmetrics()[1] for font, _ in runs), default=0)
    widths = [math.ceil(font.getlength(chars)) for font, chars in runs]
    pad = size_px // 2  # room for overhanging glyphs (italics, a "j" at the start)
    mask = Image.new("L", (sum(widths) + 2 * pad, ascent + descent), 0)
    draw = ImageDraw.Draw(mask)
    x = pad
    for (font, chars), run_width in zip(runs, widths, strict=True):
        draw.text((x, ascent), chars, font=font, fill=255, anchor="ls")
        x += run_width
    box = mask.getbbox()
    return mask.crop((box[0], 0, box[2], mask.height)) if box else mask.crop((0, 0, 1, 1))
