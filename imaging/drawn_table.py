"""The solid wood table, drawn to the customer's measurements (plain Pillow, deterministic).

An oblique view at a fixed scale (3 px per cm on the 1000 px picture), so a wider table is
drawn wider and a deeper one deeper; the top's colour and grain follow the wood and finish,
and a glass top is drawn tinted over its wooden frame.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .compose import render_text

BACKGROUND = (238, 238, 236)
CANVAS = 1000
SCALE = 3.0  # px per cm: constant, so the drawing's proportions are the table's
# Receding depth: half length, 30 degrees up and to the right (a cabinet projection).
DEPTH_DX = 0.5 * math.cos(math.radians(30))
DEPTH_DY = 0.5 * math.sin(math.radians(30))
TOP_THICKNESS_CM = 4
LEG_CM = 7
WOODS: dict[str, tuple[int, int, int]] = {
    "ash": (222, 201, 160),
    "oak": (190, 146, 90),
    "walnut": (96, 60, 40),
}
GLASS_TINTS: dict[str, tuple[int, int, int]] = {
    "clear": (205, 228, 232),
    "bronze": (160, 120, 80),
}
# The ranges the drawing keeps to (the catalog's limits): beyond them the table would leave
# the picture.
WIDTH_CM = (40.0, 240.0, 160.0)  # low, high, default
DEPTH_CM = (40.0, 120.0, 80.0)
HEIGHT_CM = (60.0, 110.0, 75.0)


@dataclass(frozen=True, slots=True)
class TableLook:
    """What the picture shows: sizes in whole cm and the material codes."""

    width_cm: float = WIDTH_CM[2]
    depth_cm: float = DEPTH_CM[2]
    height_cm: float = HEIGHT_CM[2]
    wood: str = "oak"
    finish: str = "oil"
    top: str = "solid"
    glass_tint: str = "clear"

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> TableLook:
        """The look of a (possibly incomplete) configuration: a missing or unknown value is
        drawn as its default, a size outside the drawable range at the nearest limit."""
        return cls(
            width_cm=_cm(values.get("width"), WIDTH_CM),
            depth_cm=_cm(values.get("depth"), DEPTH_CM),
            height_cm=_cm(values.get("height"), HEIGHT_CM),
            wood=_known(values.get("wood"), WOODS, "oak"),
            finish=_known(values.get("finish"), {"oil": 0, "matte_lacquer": 0}, "oil"),
            top=_known(values.get("top"), {"solid": 0, "glass": 0}, "solid"),
            glass_tint=_known(values.get("glass_tint"), GLASS_TINTS, "clear"),
        )

    def draw(self) -> Image.Image:
        """The table on a light background, ``CANVAS`` px square (RGB)."""
        return _draw(self)

    def top_centre(self) -> tuple[int, int]:
        """Where the middle of the table top is drawn (for checks and tests)."""
        front_left, _right, _depth = _frame(self)
        x = front_left[0] + (self.width_cm + self.depth_cm * DEPTH_DX) * SCALE / 2
        y = front_left[1] - self.depth_cm * DEPTH_DY * SCALE / 2
        return round(x), round(y)


def _cm(raw: Any, limits: tuple[float, float, float]) -> float:
    low, high, default = limits
    try:
        value = float(Decimal(str(raw))) if raw not in (None, "") else default
    except (InvalidOperation, ValueError):
        value = default
    if not math.isfinite(value):
        value = default
    return round(min(max(value, low), high))


def _known(raw: Any, known: Mapping[str, Any], default: str) -> str:
    return raw if isinstance(raw, str) and raw in known else default


def _shade(rgb: tuple[int, int, int], amount: float) -> tuple[int, int, int]:
    if amount >= 0:
        return (
            round(rgb[0] + (255 - rgb[0]) * amount),
            round(rgb[1] + (255 - rgb[1]) * amount),
            round(rgb[2] + (255 - rgb[2]) * amount),
        )
    return (
        round(rgb[0] * (1 + amount)),
        round(rgb[1] * (1 + amount)),
        round(rgb[2] * (1 + amount)),
    )


def _frame(look: TableLook) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """The top's front-left corner, front-right corner and depth vector, in px."""
    total_w = (look.width_cm + look.depth_cm * DEPTH_DX) * SCALE
    total_h = (look.height_cm + look.depth_cm * DEPTH_DY) * SCALE
    left = (CANVAS - total_w) / 2
    floor = (CANVAS + total_h) / 2 + 40  # room for the measurements below
    top_y = floor - look.height_cm * SCALE
    depth = (look.depth_cm * DEPTH_DX * SCALE, -look.depth_cm * DEPTH_DY * SCALE)
    return (left, top_y), (left + look.width_cm * SCALE, top_y), depth


def _wood_colour(look: TableLook) -> tuple[int, int, int]:
    rgb = WOODS[look.wood]
    # Hardwax oil deepens the wood; matte lacquer leaves it paler and flatter.
    return _shade(rgb, -0.06) if look.finish == "oil" else _shade(rgb, 0.12)


def _draw(look: TableLook) -> Image.Image:
    image = Image.new("RGB", (CANVAS, CANVAS), BACKGROUND)
    (x0, y0), (x1, _y1), (dx, dy) = _frame(look)
    wood = _wood_colour(look)
    thick = TOP_THICKNESS_CM * SCALE
    leg = LEG_CM * SCALE
    floor = y0 + look.height_cm * SCALE
    inset = 3 * SCALE
    _shadow(image, (x0, floor), (x1, floor), (dx, dy))
    draw = ImageDraw.Draw(image)
    # Legs: back ones first (darker), then front ones.
    for lx, shade in (
        (x0 + inset + dx * 0.85, -0.35),
        (x1 - inset - leg + dx * 0.85, -0.35),
        (x0 + inset, -0.2),
        (x1 - inset - leg, -0.2),
    ):
        back = shade < -0.3
        top = y0 + thick + (dy * 0.85 if back else 0)
        bottom = floor + (dy * 0.85 if back else 0)
        draw.rectangle((lx, top, lx + leg, bottom), fill=_shade(wood, shade))
    # Apron under the top.
    draw.rectangle(
        (x0 + inset, y0 + thick, x1 - inset, y0 + thick + 8 * SCALE), fill=_shade(wood, -0.25)
    )
    top_face = [(x0, y0), (x1, y0), (x1 + dx, y0 + dy), (x0 + dx, y0 + dy)]
    front_edge = [(x0, y0), (x1, y0), (x1, y0 + thick), (x0, y0 + thick)]
    side_edge = [(x1, y0), (x1 + dx, y0 + dy), (x1 + dx, y0 + dy + thick), (x1, y0 + thick)]
    if look.top == "glass":
        _glass_top(image, look, top_face, front_edge, side_edge)
    else:
        draw.polygon(top_face, fill=wood)
        _grain(image, look, top_face, wood)
        draw = ImageDraw.Draw(image)
        draw.polygon(front_edge, fill=_shade(wood, -0.18))
        draw.polygon(side_edge, fill=_shade(wood, -0.3))
        if look.finish == "matte_lacquer":
            draw.line([(x0, y0), (x1, y0)], fill=_shade(wood, 0.35), width=2)
    _measurements(image, look, floor)
    return image


def _shadow(
    image: Image.Image,
    left: tuple[float, float],
    right: tuple[float, float],
    depth: tuple[float, float],
) -> None:
    dx, dy = depth
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).polygon(
        [left, right, (right[0] + dx, right[1] + dy), (left[0] + dx, left[1] + dy)], fill=70
    )
    image.paste((150, 150, 148), mask=mask.filter(ImageFilter.GaussianBlur(14)))


def _grain(
    image: Image.Image,
    look: TableLook,
    face: list[tuple[float, float]],
    wood: tuple[int, int, int],
) -> None:
    """Wavy grain lines along the width, seeded by the wood so each species keeps its figure."""
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    rng = random.Random(f"grain:{look.wood}")
    (x0, y0), (x1, _y1) = face[0], face[1]
    dx, dy = face[3][0] - x0, face[3][1] - y0
    contrast = 0.22 if look.finish == "oil" else 0.12
    lines = 16 if look.wood == "oak" else 11
    for i in range(lines):
        t = (i + rng.uniform(0.2, 0.8)) / lines
        amplitude = rng.uniform(1.5, 5.0)
        period = rng.uniform(80, 200)
        phase = rng.uniform(0, math.tau)
        colour = _shade(wood, -contrast if i % 3 else -contrast * 1.6)
        points = []
        steps = 40
        for s in range(steps + 1):
            u = s / steps
            x = x0 + (x1 - x0) * u + dx * t
            y = y0 + dy * t + amplitude * math.sin(phase + x / period * math.tau) * abs(dy) / 60
            points.append((x, y))
        draw.line(points, fill=(*colour, 170), width=2)
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).polygon(face, fill=255)
    image.paste(layer, mask=ImageChops.multiply(layer.getchannel("A"), mask))


def _glass_top(
    image: Image.Image,
    look: TableLook,
    face: list[tuple[float, float]],
    front: list[tuple[float, float]],
    side: list[tuple[float, float]],
) -> None:
    tint = GLASS_TINTS[look.glass_tint]
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    draw.polygon(face, fill=(*tint, 150))
    draw.polygon(front, fill=(*_shade(tint, -0.3), 200))
    draw.polygon(side, fill=(*_shade(tint, -0.4), 200))
    draw.line([face[0], face[1]], fill=(255, 255, 255, 230), width=3)
    image.paste(layer, mask=layer)


def _measurements(image: Image.Image, look: TableLook, floor: float) -> None:
    text = f"{look.width_cm:g} × {look.depth_cm:g} × {look.height_cm:g} cm"
    label = render_text(text, "DejaVuSans", 30, (90, 90, 90))
    y = min(CANVAS - label.height - 20, round(floor + 50))
    image.paste(label, ((CANVAS - label.width) // 2, y), label)
