"""Draw the shipped mockup PNGs: ``uv run python -m imaging.make_mockups``.

Plain Pillow drawings (no third-party photos, so no licence question); re-running gives
byte-identical files.
"""

from __future__ import annotations

from PIL import Image, ImageColor, ImageDraw, ImageFilter

from .mockups import MOCKUP_DIR, MOCKUP_SIZE, SHIRT_COLOURS, TSHIRT_COLOURS, TUMBLER_COLOURS

BACKGROUND = (238, 238, 236)
TSHIRT_OUTLINE = [
    (370, 90),
    (430, 120),
    (500, 130),
    (570, 120),
    (630, 90),  # collar
    (800, 160),
    (930, 360),
    (810, 430),
    (760, 360),  # right sleeve
    (760, 900),
    (240, 900),  # hem
    (240, 360),
    (190, 430),
    (70, 360),
    (200, 160),  # left sleeve
]


def _shade(rgb: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    if amount >= 0:
        return tuple(round(c + (255 - c) * amount) for c in rgb)  # type: ignore[return-value]
    return tuple(round(c * (1 + amount)) for c in rgb)  # type: ignore[return-value]


def draw_tshirt(colour: str) -> Image.Image:
    """A front-view T-shirt silhouette in ``colour`` on a light background."""
    rgb = ImageColor.getrgb(colour)[:3]
    image = _tshirt_body(rgb)
    draw = ImageDraw.Draw(image)
    draw.chord((400, 60, 600, 180), 0, 180, fill=_shade(rgb, -0.25), outline=_shade(rgb, -0.4))
    return image


def draw_tshirt_back(colour: str) -> Image.Image:
    """The same T-shirt seen from the back: a shallow neckline, the neck tape inside."""
    rgb = ImageColor.getrgb(colour)[:3]
    image = _tshirt_body(rgb)
    draw = ImageDraw.Draw(image)
    draw.chord((410, 95, 590, 150), 0, 180, fill=_shade(rgb, -0.3), outline=_shade(rgb, -0.4))
    draw.arc((410, 95, 590, 150), 0, 180, fill=_shade(rgb, -0.45), width=5)
    return image


def _tshirt_body(rgb: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", (MOCKUP_SIZE, MOCKUP_SIZE), BACKGROUND)
    shadow = Image.new("L", image.size, 0)
    ImageDraw.Draw(shadow).polygon([(x + 8, y + 12) for x, y in TSHIRT_OUTLINE], fill=90)
    image.paste((150, 150, 150), mask=shadow.filter(ImageFilter.GaussianBlur(12)))
    draw = ImageDraw.Draw(image)
    draw.polygon(TSHIRT_OUTLINE, fill=rgb, outline=_shade(rgb, -0.35), width=4)
    draw.line([(240, 360), (240, 900)], fill=_shade(rgb, -0.2), width=3)
    draw.line([(760, 360), (760, 900)], fill=_shade(rgb, -0.2), width=3)
    for y, amount in ((880, -0.12), (885, -0.12)):
        draw.line([(244, y), (756, y)], fill=_shade(rgb, amount), width=2)
    return image


def draw_tumbler(colour: str) -> Image.Image:
    """A straight-walled tumbler with a lid in ``colour`` on a light background."""
    rgb = ImageColor.getrgb(colour)[:3]
    image = Image.new("RGB", (MOCKUP_SIZE, MOCKUP_SIZE), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.ellipse((330, 880, 670, 930), fill=(205, 205, 203))
    draw.polygon([(340, 260), (660, 260), (630, 900), (370, 900)], fill=rgb)
    for i, amount in enumerate((0.35, 0.2, 0.1)):
        x = 380 + i * 18
        draw.line([(x, 280), (x + 10, 880)], fill=_shade(rgb, amount), width=8)
    draw.rounded_rectangle((320, 180, 680, 265), radius=24, fill=_shade(rgb, -0.3))
    draw.rounded_rectangle((470, 150, 530, 190), radius=10, fill=_shade(rgb, -0.45))
    return image


DRESS_SHIRT_OUTLINE = [
    (420, 110),
    (580, 110),  # neckband
    (760, 170),
    (850, 330),
    (910, 820),
    (820, 840),  # right cuff
    (760, 420),
    (760, 930),
    (240, 930),  # hem
    (240, 420),
    (180, 840),
    (90, 820),  # left cuff
    (150, 330),
    (240, 170),
]


def draw_dress_shirt(colour: str) -> Image.Image:
    """A long-sleeved, buttoned dress shirt with a pointed collar in ``colour``."""
    rgb = ImageColor.getrgb(colour)[:3]
    image = Image.new("RGB", (MOCKUP_SIZE, MOCKUP_SIZE), BACKGROUND)
    shadow = Image.new("L", image.size, 0)
    ImageDraw.Draw(shadow).polygon([(x + 8, y + 12) for x, y in DRESS_SHIRT_OUTLINE], fill=90)
    image.paste((150, 150, 150), mask=shadow.filter(ImageFilter.GaussianBlur(12)))
    draw = ImageDraw.Draw(image)
    edge = _shade(rgb, -0.35)
    draw.polygon(DRESS_SHIRT_OUTLINE, fill=rgb, outline=edge, width=4)
    for cuff in (
        [(90, 820), (180, 840), (172, 790), (96, 772)],
        [(910, 820), (820, 840), (828, 790), (904, 772)],
    ):
        draw.polygon(cuff, fill=_shade(rgb, -0.08), outline=edge, width=3)
    draw.line([(240, 420), (240, 930)], fill=_shade(rgb, -0.2), width=3)
    draw.line([(760, 420), (760, 930)], fill=_shade(rgb, -0.2), width=3)
    draw.rectangle((482, 150, 518, 930), fill=_shade(rgb, -0.05), outline=_shade(rgb, -0.2))
    for y in range(210, 900, 95):
        draw.ellipse((492, y, 508, y + 16), fill=_shade(rgb, 0.6), outline=_shade(rgb, -0.3))
    for collar in ([(420, 110), (500, 150), (445, 235)], [(580, 110), (500, 150), (555, 235)]):
        draw.polygon(collar, fill=_shade(rgb, 0.12), outline=edge, width=3)
    draw.polygon(
        [(300, 330), (400, 330), (400, 420), (350, 440), (300, 420)],
        outline=_shade(rgb, -0.2),
        width=3,
    )
    return image


def main() -> None:
    """Write every mockup into ``imaging/data/mockups/`` (served as static ``orders/mockups/``)."""
    MOCKUP_DIR.mkdir(parents=True, exist_ok=True)
    for name, colour in TSHIRT_COLOURS.items():
        draw_tshirt(colour).save(MOCKUP_DIR / f"tshirt-{name}.png", optimize=True)
        draw_tshirt_back(colour).save(MOCKUP_DIR / f"tshirt-back-{name}.png", optimize=True)
    for name, colour in SHIRT_COLOURS.items():
        draw_dress_shirt(colour).save(MOCKUP_DIR / f"shirt-{name}.png", optimize=True)
    for name, colour in TUMBLER_COLOURS.items():
        draw_tumbler(colour).save(MOCKUP_DIR / f"tumbler-{name}.png", optimize=True)


if __name__ == "__main__":
    main()
