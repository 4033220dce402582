"""The made-to-measure dress shirt, drawn in the chosen fabric, collar and cuff (plain Pillow).

The fabric sets the cloth's colour and texture (poplin plain white, oxford blue basket
weave, linen natural with slubs, silk-cotton ivory with a sheen); the collar and cuff are
drawn as chosen, and a monogram is stitched on the chest pocket in its font. Deterministic:
the same look gives the same pixels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .compose import render_text
from .fonts import FONTS
from .make_mockups import BACKGROUND, DRESS_SHIRT_OUTLINE, _shade
from .mockups import MOCKUP_SIZE

FABRICS: dict[str, tuple[int, int, int]] = {
    "poplin": (246, 247, 250),
    "oxford": (178, 202, 230),
    "linen": (222, 208, 182),
    "silk_cotton": (243, 233, 210),
}
COLLARS = ("classic", "button_down", "cutaway", "mandarin")
CUFFS = ("barrel", "french")
# Points checked by tests and usable by callers: the middle of the chest, a collar point's
# tip region and the left cuff.
CHEST = (380, 600)
COLLAR_POINT = (455, 215)
CUFF = (135, 790)
# Where the monogram is stitched: on the chest pocket, in navy thread.
MONOGRAM_BOX = (306, 350, 394, 410)
MONOGRAM_THREAD = (31, 42, 68)


@dataclass(frozen=True, slots=True)
class ShirtLook:
    """What the picture shows: the fabric, collar and cuff codes, and the monogram's text
    and font code ("" for none)."""

    fabric: str = "poplin"
    collar: str = "classic"
    cuff: str = "barrel"
    monogram: str = ""
    monogram_font: str = "block"

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> ShirtLook:
        """The look of a (possibly incomplete) configuration; missing or unknown values are
        drawn as the defaults (poplin, classic collar, barrel cuff, no monogram)."""
        fabric, collar, cuff = values.get("fabric"), values.get("collar"), values.get("cuff")
        text, font = _monogram(values)
        return cls(
            fabric=fabric if isinstance(fabric, str) and fabric in FABRICS else "poplin",
            collar=collar if isinstance(collar, str) and collar in COLLARS else "classic",
            cuff=cuff if isinstance(cuff, str) and cuff in CUFFS else "barrel",
            monogram=text,
            monogram_font=font,
        )

    def draw(self) -> Image.Image:
        """The shirt on a light background, ``MOCKUP_SIZE`` px square (RGB)."""
        return _draw(self)


def _draw(look: ShirtLook) -> Image.Image:
    rgb = FABRICS[look.fabric]
    image = Image.new("RGB", (MOCKUP_SIZE, MOCKUP_SIZE), BACKGROUND)
    shadow = Image.new("L", image.size, 0)
    ImageDraw.Draw(shadow).polygon([(x + 8, y + 12) for x, y in DRESS_SHIRT_OUTLINE], fill=90)
    image.paste((150, 150, 150), mask=shadow.filter(ImageFilter.GaussianBlur(12)))
    body = Image.new("L", image.size, 0)
    ImageDraw.Draw(body).polygon(DRESS_SHIRT_OUTLINE, fill=255)
    image.paste(_cloth(look.fabric, rgb, image.size), mask=body)
    draw = ImageDraw.Draw(image)
    edge = _shade(rgb, -0.35)
    draw.polygon(DRESS_SHIRT_OUTLINE, outline=edge, width=4)
    _cuffs(draw, look.cuff, rgb, edge)
    draw.line([(240, 420), (240, 930)], fill=_shade(rgb, -0.2), width=3)
    draw.line([(760, 420), (760, 930)], fill=_shade(rgb, -0.2), width=3)
    draw.rectangle((482, 150, 518, 930), fill=_shade(rgb, -0.05), outline=_shade(rgb, -0.2))
    for y in range(210, 900, 95):
        draw.ellipse((492, y, 508, y + 16), fill=_shade(rgb, 0.6), outline=_shade(rgb, -0.3))
    _collar(draw, look.collar, rgb, edge)
    draw.polygon(
        [(300, 330), (400, 330), (400, 420), (350, 440), (300, 420)],
        outline=_shade(rgb, -0.2),
        width=3,
    )
    if look.monogram:
        _stitch(image, look.monogram, look.monogram_font)
    return image


def _monogram(values: Mapping[str, Any]) -> tuple[str, str]:
    """The monogram's (text, font) when one is asked for: the option holds the text, or
    ``{"text", "font"}`` once the configurator has normalised it."""
    raw = values.get("monogram") if values.get("add_monogram") == "yes" else None
    text, font = (raw.get("text"), raw.get("font")) if isinstance(raw, Mapping) else (raw, None)
    if not isinstance(text, str) or not text.strip():
        return "", "block"
    return text.strip(), font if isinstance(font, str) and font in FONTS else "block"


def _stitch(image: Image.Image, text: str, font: str) -> None:
    """``text`` in navy thread, as large as fits ``MONOGRAM_BOX``, centred in it."""
    left, top, right, bottom = MONOGRAM_BOX
    stitched = render_text(text, font, 200, MONOGRAM_THREAD)
    fit = min((right - left) / stitched.width, (bottom - top) / stitched.height)
    size = (max(1, round(stitched.width * fit)), max(1, round(stitched.height * fit)))
    stitched = stitched.resize(size, Image.Resampling.LANCZOS)
    at = (left + (right - left - size[0]) // 2, top + (bottom - top - size[1]) // 2)
    image.paste(stitched, at, stitched)


def _cloth(fabric: str, rgb: tuple[int, int, int], size: tuple[int, int]) -> Image.Image:
    """The fabric's colour with its texture, for the whole canvas (masked by the shirt)."""
    cloth = Image.new("RGB", size, rgb)
    draw = ImageDraw.Draw(cloth)
    if fabric == "oxford":
        weave = _shade(rgb, -0.1)
        for y in range(0, size[1], 6):
            for x in range((y // 6) % 2 * 3, size[0], 6):
                draw.point([(x, y), (x + 1, y)], fill=weave)
    elif fabric == "linen":
        slub = _shade(rgb, -0.09)
        for y in range(7, size[1], 23):
            length = 40 + (y * 37) % 90
            for x in range((y * 53) % 160, size[0], 190):
                draw.line([(x, y), (x + length, y)], fill=slub, width=2)
    elif fabric == "silk_cotton":
        sheen = Image.linear_gradient("L").rotate(35).resize(size).point(lambda v: v // 6)
        cloth = ImageChops.add(cloth, Image.merge("RGB", (sheen, sheen, sheen)))
    return cloth


def _collar(
    draw: ImageDraw.ImageDraw, collar: str, rgb: tuple[int, int, int], edge: tuple[int, ...]
) -> None:
    fill = _shade(rgb, 0.12)
    if collar == "mandarin":
        # A standing band, no points.
        draw.rounded_rectangle((420, 100, 580, 150), radius=18, fill=fill, outline=edge, width=3)
        return
    if collar == "cutaway":
        points = ([(420, 110), (500, 150), (405, 200)], [(580, 110), (500, 150), (595, 200)])
    else:
        points = ([(420, 110), (500, 150), (445, 235)], [(580, 110), (500, 150), (555, 235)])
    for point in points:
        draw.polygon(point, fill=fill, outline=edge, width=3)
    if collar == "button_down":
        for x, y in ((448, 218), (542, 218)):
            draw.ellipse((x, y, x + 10, y + 10), fill=_shade(rgb, 0.6), outline=edge)


def _cuffs(
    draw: ImageDraw.ImageDraw, cuff: str, rgb: tuple[int, int, int], edge: tuple[int, ...]
) -> None:
    links: tuple[tuple[int, int], ...] = ()
    if cuff == "french":
        # Folded back: a deeper, double cuff closed with a cufflink.
        shapes = (
            [(90, 820), (180, 840), (170, 760), (98, 742)],
            [(910, 820), (820, 840), (830, 760), (902, 742)],
        )
        links = ((128, 790), (862, 790))
    else:
        shapes = (
            [(90, 820), (180, 840), (172, 790), (96, 772)],
            [(910, 820), (820, 840), (828, 790), (904, 772)],
        )
    for shape in shapes:
        draw.polygon(shape, fill=_shade(rgb, -0.08), outline=edge, width=3)
    if cuff == "french":
        for x, y in ((100, 772), (826, 772)):
            draw.line([(x, y), (x + 72, y + 14)], fill=edge, width=2)
    for x, y in links:
        draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=(201, 162, 39), outline=(120, 95, 20))
