"""Given artwork placed in a print area, when preflighted, then the DPI verdict is right."""

from __future__ import annotations

import pytest

from imaging import Placement, preflight

SQUARE_10_INCH = (254.0, 254.0)


@pytest.mark.parametrize(
    ("width_px", "dpi", "level"),
    [
        (3000, 300.0, "ok"),
        (2999, 299.9, "warning"),
        (1500, 150.0, "warning"),
        (1499, 149.9, "blocked"),
        (6000, 600.0, "ok"),
    ],
)
def test_levels_at_exact_boundaries(width_px: int, dpi: float, level: str) -> None:
    report = preflight(
        width_px=width_px, height_px=width_px, area_mm=SQUARE_10_INCH, placement=Placement()
    )
    assert report.effective_dpi == dpi
    assert report.level == level


def test_scaling_down_raises_the_effective_dpi() -> None:
    report = preflight(
        width_px=1500, height_px=1500, area_mm=SQUARE_10_INCH, placement=Placement(scale=0.5)
    )
    assert (report.effective_dpi, report.level) == (300.0, "ok")
    assert (report.placed_width_mm, report.placed_height_mm) == (127.0, 127.0)


def test_product_threshold_blocks_higher() -> None:
    report = preflight(
        width_px=1800,
        height_px=1800,
        area_mm=SQUARE_10_INCH,
        placement=Placement(),
        blocked_below_dpi=200,
    )
    assert (report.effective_dpi, report.level) == (180.0, "blocked")
    assert "200 DPI" in report.message["en"]


def test_dpi_follows_the_limiting_side_of_a_tall_area() -> None:
    # 300 x 400 mm area, square art: width limits, 300 mm wide.
    report = preflight(width_px=3543, height_px=3543, area_mm=(300, 400), placement=Placement())
    assert report.placed_width_mm == report.placed_height_mm == 300.0
    assert report.level == "ok"


def test_coverage_and_clipping() -> None:
    def run(placement: Placement, size: tuple[int, int] = (3000, 3000)):
        return preflight(
            width_px=size[0], height_px=size[1], area_mm=SQUARE_10_INCH, placement=placement
        )

    fitted = run(Placement())
    assert fitted.covers_area and not fitted.clipped
    smaller = run(Placement(scale=0.9))
    assert not smaller.covers_area and not smaller.clipped
    wide = run(Placement(), size=(3000, 1500))
    assert not wide.covers_area
    moved = run(Placement(offset_x=0.3))
    assert moved.clipped and not moved.covers_area
    turned = run(Placement(rotation_deg=45))
    assert turned.clipped and not turned.covers_area
    turned_big = run(Placement(scale=1.5, rotation_deg=45))
    assert turned_big.covers_area


def test_transparency_flag_and_bilingual_messages() -> None:
    report = preflight(
        width_px=2000, height_px=2000, area_mm=SQUARE_10_INCH, placement=Placement(), has_alpha=True
    )
    assert report.has_transparency
    assert report.level == "warning"
    assert "200 DPI" in report.message["en"]
    assert "200 DPI" in report.message["zh-hans"]


def test_nonsense_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        preflight(width_px=0, height_px=10, area_mm=(10, 10), placement=Placement())
    with pytest.raises(ValueError):
        Placement(scale=float("nan"))
