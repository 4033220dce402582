"""Given a mockup and layers, when a preview is rendered, then it shows them where placed."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops

from imaging import (
    ArtworkLayer,
    Placement,
    PreviewView,
    PrintArea,
    TextLayer,
    UnknownFont,
    mockup_for,
    render_preview,
    render_views,
)

GREEN = (0, 200, 0, 255)
SHIRT = mockup_for("tshirt", "white")
FRONT = SHIRT.print_areas[0]  # x=350, y=260, 300 x 400 px on a 1000 px mockup


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image.convert("RGB")


def green_art(size: tuple[int, int] = (1500, 2000)) -> Image.Image:
    return Image.new("RGBA", size, GREEN)


def render(*layers, size: int = 1000, fmt: str = "png", areas=(FRONT,)) -> Image.Image:
    return decode(
        render_preview(
            mockup=SHIRT.path, print_areas=list(areas), layers=list(layers), size=size, fmt=fmt
        )
    )


def test_artwork_fills_its_area_and_is_clipped_to_it() -> None:
    image = render(ArtworkLayer(green_art(), "front", Placement(scale=3)))

    assert image.size == (1000, 1000)
    assert image.getpixel((500, 460)) == GREEN[:3]
    assert image.getpixel((352, 262)) == GREEN[:3]
    plain = decode(render_preview(mockup=SHIRT.path, print_areas=[FRONT], layers=[], fmt="png"))
    for outside in ((345, 460), (655, 460), (500, 255), (500, 665)):
        assert image.getpixel(outside) == plain.getpixel(outside)


def test_offset_moves_the_artwork() -> None:
    image = render(ArtworkLayer(green_art((100, 100)), "front", Placement(0.25, 0.25, 0.4)))

    # Area centre (500, 460) + (75, 100) px; artwork 120 px wide.
    assert image.getpixel((575, 560)) == GREEN[:3]
    assert image.getpixel((500, 460)) != GREEN[:3]


def test_rotated_area_turns_its_content() -> None:
    tilted = PrintArea("front", 350, 260, 300, 400, rotation_deg=90, width_mm=300, height_mm=400)
    image = render(ArtworkLayer(green_art((300, 400)), "front"), areas=(tilted,))

    # Turned a quarter: now 400 wide and 300 tall about the same centre (500, 460).
    assert image.getpixel((310, 460)) == GREEN[:3]
    assert image.getpixel((500, 290)) != GREEN[:3]


def test_text_is_drawn_in_its_colour() -> None:
    image = render(TextLayer("HELLO", "front", colour="#ff0000"))

    r, g, _ = image.crop((350, 260, 650, 660)).split()
    red_enough = r.point(lambda v: 255 if v > 200 else 0)
    no_green = g.point(lambda v: 255 if v < 60 else 0)
    assert ImageChops.multiply(red_enough, no_green).histogram()[255] > 500


def test_smaller_size_scales_mockup_and_areas() -> None:
    image = render(ArtworkLayer(green_art(), "front"), size=500)

    assert image.size == (500, 500)
    assert image.getpixel((250, 230)) == GREEN[:3]


def test_webp_output_and_determinism() -> None:
    layers = [ArtworkLayer(green_art(), "front"), TextLayer("C2M", "front")]
    first = render_preview(mockup=SHIRT.path, print_areas=[FRONT], layers=layers)
    second = render_preview(mockup=SHIRT.path, print_areas=[FRONT], layers=layers)

    assert first[:4] == b"RIFF" and first[8:12] == b"WEBP"
    assert first == second


def test_mockup_can_be_an_image() -> None:
    mockup = Image.new("RGB", (2000, 1000), "white")
    area = PrintArea("front", 0, 0, 1000, 1000, width_mm=100, height_mm=100)

    image = decode(
        render_preview(
            mockup=mockup, print_areas=[area], layers=[ArtworkLayer(green_art(), "front")]
        )
    )

    assert image.size == (1000, 500)
    assert mockup.getpixel((10, 10)) == (255, 255, 255)


def test_unknown_area_font_or_colour_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown print area"):
        render(ArtworkLayer(green_art(), "back"))
    with pytest.raises(UnknownFont):
        render(TextLayer("hi", "front", font="Comic Sans"))
    with pytest.raises(ValueError):
        render(TextLayer("hi", "front", colour="not-a-colour"))


def test_every_shipped_mockup_exists_at_1000_px() -> None:
    from imaging.mockups import TSHIRT_COLOURS, TUMBLER_COLOURS

    variants = [("tshirt", c) for c in TSHIRT_COLOURS] + [("tumbler", c) for c in TUMBLER_COLOURS]
    for product, colour in variants:
        with Image.open(mockup_for(product, colour).path) as image:
            assert image.size == (1000, 1000)


def test_cached_artwork_renders_like_uncached_and_keys_keep_images_apart() -> None:
    red = Image.new("RGBA", (400, 400), (255, 0, 0, 255))
    plain = render(ArtworkLayer(green_art(), "front"))

    cached = render(ArtworkLayer(green_art(), "front", cache_key="sha-green"))
    again = render(ArtworkLayer(green_art(), "front", cache_key="sha-green"))
    other = render(ArtworkLayer(red, "front", cache_key="sha-red"))

    assert cached.tobytes() == plain.tobytes() == again.tobytes()
    assert other.getpixel((500, 460)) == (255, 0, 0)


def test_front_and_back_sit_side_by_side_named_under_each_view() -> None:
    front = PreviewView(SHIRT.path, [FRONT], [ArtworkLayer(green_art(), "front")], "Front")
    back = PreviewView(SHIRT.path, [FRONT], [], "背面")
    unnamed = PreviewView(SHIRT.path, [FRONT], [])

    sheet = decode(render_views([front, back], size=1000, fmt="png"))
    plain = decode(render_views([unnamed, unnamed], size=1000, fmt="png"))

    # Each view fills half the width and the picture is only as tall as a view and its
    # caption band: no empty bands above and below.
    assert sheet.size == (1000, 500 + 2 * (500 // 16))
    assert plain.size == (1000, 500)
    assert sheet.getpixel((250, 230)) == GREEN[:3]  # the front view carries the artwork
    assert sheet.getpixel((750, 230)) != GREEN[:3]
    band = sheet.crop((0, 500, 1000, sheet.height))
    left, right = band.crop((0, 0, 500, band.height)), band.crop((500, 0, 1000, band.height))
    for caption in (left, right):  # dark caption letters under each view
        assert caption.convert("L").getextrema()[0] < 120
