"""Preflight: will this artwork print sharp at the size the customer placed it?"""

# Chinese messages use full-width punctuation on purpose.

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .geometry import MM_PER_INCH, Placement, placed_box, rotate_point, rotated_corners

Level = Literal["ok", "warning", "blocked"]
OK_DPI = 300
_EPS = 1e-6


@dataclass(frozen=True, slots=True)
class PreflightReport:
    """The verdict for one placement.

    ``effective_dpi`` is pixels per inch at the placed physical size (rounded to 0.1).
    ``level`` is ``ok`` at 300 DPI or more, ``warning`` from the blocking threshold up to
    300, ``blocked`` below the threshold. ``covers_area`` says the artwork fills the whole
    print area (nothing of the garment shows through its box); ``clipped`` says part of it
    falls outside the area and will not print. ``message`` has ``en`` and ``zh-hans``.
    """

    effective_dpi: float
    level: Level
    placed_width_mm: float
    placed_height_mm: float
    has_transparency: bool
    covers_area: bool
    clipped: bool
    message: dict[str, str]


def preflight(
    *,
    width_px: int,
    height_px: int,
    area_mm: tuple[float, float],
    placement: Placement,
    blocked_below_dpi: float = 150,
    has_alpha: bool = False,
) -> PreflightReport:
    """Judge artwork of ``width_px`` x ``height_px`` placed in an area of ``area_mm`` (w, h).

    ``blocked_below_dpi`` is the product's threshold (150 unless a product demands more).
    Raises ``ValueError`` for non-positive sizes.
    """
    area_w, area_h = area_mm
    if width_px <= 0 or height_px <= 0 or area_w <= 0 or area_h <= 0:
        raise ValueError("sizes must be positive")
    cx, cy, w_mm, h_mm = placed_box(width_px, height_px, area_w, area_h, placement)
    dpi = round(width_px * MM_PER_INCH / w_mm, 1)
    if dpi + _EPS >= OK_DPI:
        level: Level = "ok"
    elif dpi + _EPS >= blocked_below_dpi:
        level = "warning"
    else:
        level = "blocked"

    corners = rotated_corners(cx, cy, w_mm, h_mm, placement.rotation_deg)
    clipped = any(
        x < -_EPS or y < -_EPS or x > area_w + _EPS or y > area_h + _EPS for x, y in corners
    )
    covers = _box_covers_area(cx, cy, w_mm, h_mm, placement.rotation_deg, area_w, area_h)
    return PreflightReport(
        effective_dpi=dpi,
        level=level,
        placed_width_mm=round(w_mm, 1),
        placed_height_mm=round(h_mm, 1),
        has_transparency=has_alpha,
        covers_area=covers,
        clipped=clipped,
        message=_message(level, dpi, blocked_below_dpi),
    )


def _box_covers_area(
    cx: float, cy: float, w: float, h: float, rotation_deg: float, area_w: float, area_h: float
) -> bool:
    """True when every corner of the area lies inside the (rotated) artwork box."""
    # Express each area corner in the artwork's own unrotated frame.
    for ax, ay in ((0, 0), (area_w, 0), (area_w, area_h), (0, area_h)):
        lx, ly = rotate_point(ax - cx, ay - cy, -rotation_deg)
        if abs(lx) > w / 2 + _EPS or abs(ly) > h / 2 + _EPS:
            return False
    return True


def _message(level: Level, dpi: float, blocked_below: float) -> dict[str, str]:
    shown = f"{dpi:.0f}"
    if level == "ok":
        return {
            "en": f"Looks good: {shown} DPI at this size will print sharp.",
            "zh-hans": f"效果良好：按此尺寸为 {shown} DPI，印刷清晰。",
        }
    if level == "warning":
        return {
            "en": f"{shown} DPI at this size may print slightly blurry; {OK_DPI} DPI or more "
            "prints sharp. Use a larger image or make the design smaller.",
            "zh-hans": f"按此尺寸为 {shown} DPI，印刷可能略显模糊；{OK_DPI} DPI 以上才清晰。"
            "请使用更大的图片或缩小图案。",
        }
    return {
        "en": f"{shown} DPI at this size is too low to print (at least {blocked_below:.0f} DPI "
        "needed). Use a larger image or make the design smaller.",
        "zh-hans": f"按此尺寸仅 {shown} DPI，分辨率过低无法印刷"
        f"（至少需要 {blocked_below:.0f} DPI）。请使用更大的图片或缩小图案。",
    }
