"""Where artwork sits inside a print area: the shared, resolution-independent placement.

The same ``Placement`` drives the preflight numbers, the 1000 px preview and the 300 DPI
print file, so what the customer sees is what the factory prints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MM_PER_INCH = 25.4


@dataclass(frozen=True, slots=True)
class Placement:
    """Artwork position within a print area.

    ``scale`` 1.0 fits the artwork inside the area (aspect kept, touching two edges);
    0.5 is half that size. ``offset_x`` / ``offset_y`` move the artwork's centre from the
    area's centre, in fractions of the area's width / height (0.5 puts the centre on the
    right / bottom edge). ``rotation_deg`` turns the artwork counter-clockwise about its
    centre.
    """

    offset_x: float = 0.0
    offset_y: float = 0.0
    scale: float = 1.0
    rotation_deg: float = 0.0

    def __post_init__(self) -> None:
        for name in ("offset_x", "offset_y", "scale", "rotation_deg"):
            if not math.isfinite(getattr(self, name)):
                raise ValueError(f"{name} must be a finite number")
        if not 0.01 <= self.scale <= 10:
            raise ValueError("scale must be between 0.01 and 10")


@dataclass(frozen=True, slots=True)
class PrintArea:
    """A printable region of a product.

    ``x``, ``y``, ``width``, ``height`` are the region's box in the mockup image's own
    pixels (before any rotation); ``rotation_deg`` turns the region counter-clockwise about
    its centre on the mockup; ``width_mm`` / ``height_mm`` are its physical size.
    """

    name: str
    x: float
    y: float
    width: float
    height: float
    rotation_deg: float = 0.0
    width_mm: float = 0.0
    height_mm: float = 0.0

    def __post_init__(self) -> None:
        if self.width <= 0 or self.height <= 0:
            raise ValueError("print area needs a positive pixel size")
        if self.width_mm <= 0 or self.height_mm <= 0:
            raise ValueError("print area needs a positive physical size")

    def pixels_at(self, dpi: int) -> tuple[int, int]:
        """The area's size in pixels at ``dpi`` (e.g. 300 x 400 mm at 300 DPI -> 3543 x 4724)."""
        return mm_to_px(self.width_mm, dpi), mm_to_px(self.height_mm, dpi)


def mm_to_px(mm: float, dpi: int) -> int:
    """Millimetres to whole pixels at ``dpi``, rounded to the nearest pixel (at least 1)."""
    return max(1, round(mm / MM_PER_INCH * dpi))


def fitted_size(
    content_w: float, content_h: float, area_w: float, area_h: float, scale: float
) -> tuple[float, float]:
    """Size of content placed in an area: fitted inside it (aspect kept), then ``scale``d."""
    fit = min(area_w / content_w, area_h / content_h) * scale
    return content_w * fit, content_h * fit


def placed_box(
    content_w: float, content_h: float, area_w: float, area_h: float, placement: Placement
) -> tuple[float, float, float, float]:
    """Centre x, centre y, width, height of the placed content, in area units (unrotated)."""
    w, h = fitted_size(content_w, content_h, area_w, area_h, placement.scale)
    cx = area_w / 2 + placement.offset_x * area_w
    cy = area_h / 2 + placement.offset_y * area_h
    return cx, cy, w, h


def rotated_corners(
    cx: float, cy: float, w: float, h: float, rotation_deg: float
) -> list[tuple[float, float]]:
    """The four corners of a w x h box centred on (cx, cy), turned counter-clockwise."""
    corners = []
    for dx, dy in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)):
        rx, ry = rotate_point(dx, dy, rotation_deg)
        corners.append((cx + rx, cy + ry))
    return corners


def rotate_point(x: float, y: float, rotation_deg: float) -> tuple[float, float]:
    """(x, y) turned counter-clockwise on screen about the origin (image y grows downwards)."""
    a = math.radians(rotation_deg)
    cos_a, sin_a = math.cos(a), math.sin(a)
    return x * cos_a + y * sin_a, -x * sin_a + y * cos_a
