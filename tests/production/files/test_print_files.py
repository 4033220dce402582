"""Given placed artwork, when print files are made, then they are at physical size and DPI."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms

from imaging import Placement, PrintArea
from production.files import cmyk_profile_path, print_file, text_file

CHEST = PrintArea("front", 350, 260, 300, 400, width_mm=300, height_mm=400)
BADGE = PrintArea("badge", 0, 0, 100, 30, width_mm=100, height_mm=30)


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def art() -> Image.Image:
    image = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    image.paste((200, 30, 30, 255), (100, 100, 500, 500))
    return image


def test_dtg_file_is_rgba_png_at_300_dpi_physical_size() -> None:
    image = decode(print_file(artwork=art(), area=CHEST, placement=Placement(), process="dtg"))

    assert image.format == "PNG" and image.mode == "RGBA"
    assert image.size == (3543, 4724)
    assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)
    # Transparent around the artwork, opaque ink in the middle.
    assert image.getpixel((10, 10))[3] == 0
    assert image.getpixel((1771, 2362)) == (200, 30, 30, 255)


def test_placement_matches_the_preview_geometry() -> None:
    solid = Image.new("RGBA", (100, 100), (0, 0, 255, 255))
    placement = Placement(offset_x=0.25, offset_y=-0.25, scale=0.5)

    image = decode(print_file(artwork=solid, area=CHEST, placement=placement, process="dtg"))

    # 3543 px wide area, fitted square 3543 px, half of it 1772 px, centred at (2657, 1181).
    left, top, right, bottom = image.getbbox()
    assert (right - left, bottom - top) == (1772, 1772)
    assert abs((left + right) / 2 - 2657) <= 1 and abs((top + bottom) / 2 - 1181) <= 1


def test_cmyk_file_is_a_cmyk_tiff_with_dpi() -> None:
    data = print_file(artwork=art(), area=CHEST, placement=Placement(), process="cmyk")

    image = decode(data)
    assert image.format == "TIFF" and image.mode == "CMYK"
    assert image.size == (3543, 4724)
    assert image.info["dpi"] == (300, 300)
    assert image.getpixel((10, 10)) == (0, 0, 0, 0)  # no ink where nothing is printed


def test_other_dpi_changes_pixel_size() -> None:
    image = decode(
        print_file(artwork=art(), area=CHEST, placement=Placement(), process="dtg", dpi=150)
    )
    assert image.size == (1772, 2362)


def test_cmyk_file_goes_through_the_embedded_press_profile() -> None:
    swatches = Image.new("RGBA", (4, 1))
    for x, colour in enumerate([(255, 255, 255), (0, 0, 0), (255, 0, 0), (128, 128, 128)]):
        swatches.putpixel((x, 0), (*colour, 255))
    area = PrintArea("strip", 0, 0, 4, 1, width_mm=4 * 25.4 / 100, height_mm=25.4 / 100)

    image = decode(
        print_file(artwork=swatches, area=area, placement=Placement(), process="cmyk", dpi=100)
    )

    profile = ImageCms.ImageCmsProfile(io.BytesIO(image.info["icc_profile"]))
    assert "FOGRA39" in ImageCms.getProfileDescription(profile)
    white, black, red, grey = (image.getpixel((x, 0)) for x in range(4))
    assert white == (0, 0, 0, 0)  # no ink on paper white
    assert black[3] > 240 and sum(black) <= 330 * 255 / 100 + 4  # rich black within ink limit
    assert red[0] < 20 and red[1] > 220 and red[2] > 220 and red[3] < 20
    assert grey[3] > 100  # neutrals carry black ink, not just CMY


def test_a_missing_cmyk_profile_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ValueError, match=r"missing\.icc"):
        print_file(
            artwork=art(),
            area=BADGE,
            placement=Placement(),
            process="cmyk",
            cmyk_profile=tmp_path / "missing.icc",
        )


def test_environment_variable_chooses_the_factorys_own_profile(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("C2M_CMYK_PROFILE", str(tmp_path / "press.icc"))
    assert cmyk_profile_path() == tmp_path / "press.icc"
    assert cmyk_profile_path("/x/explicit.icc").name == "explicit.icc"


def test_print_files_are_deterministic() -> None:
    def make() -> bytes:
        return print_file(artwork=art(), area=BADGE, placement=Placement(), process="cmyk")

    assert make() == make()


def test_unknown_process_is_refused() -> None:
    with pytest.raises(ValueError):
        print_file(artwork=art(), area=BADGE, placement=Placement(), process="screen")  # type: ignore[arg-type]


def test_text_file_is_black_on_transparent_at_physical_size() -> None:
    data = text_file(text="Anna & Ben\n2026", font="DejaVuSerif", area=BADGE)

    image = decode(data)
    assert image.mode == "RGBA" and image.size == (1181, 354)
    assert tuple(round(v) for v in image.info["dpi"]) == (300, 300)
    r, g, b, a = image.split()
    assert a.getextrema() == (0, 255)
    assert r.getextrema() == g.getextrema() == b.getextrema() == (0, 0)
    left, top, right, bottom = image.getbbox()
    # Fitted: the text block touches two opposite edges (within antialiasing).
    assert bottom - top > 340 or right - left > 1160
    assert text_file(text="Anna & Ben\n2026", font="DejaVuSerif", area=BADGE) == data


def test_chinese_engraving_text_is_drawn_with_real_glyphs() -> None:
    def ink(text: str) -> Image.Image:
        return decode(text_file(text=text, font="DejaVuSans", area=BADGE)).getchannel("A")

    # A character no shipped font has comes out as the same "missing glyph" box whatever it is.
    assert ink("\U0010fffd") == ink("\U0010fffe")
    # Chinese characters are real, distinct glyphs, and mixed text keeps its Latin part.
    assert ink("李") != ink("王")
    assert ink("李 & Ben") != ink("李 & Bob")
