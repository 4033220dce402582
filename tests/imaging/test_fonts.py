"""Each font a product offers is a real, distinct face that covers the text it will draw."""

from __future__ import annotations

import dataclasses
from itertools import combinations

import pytest
from PIL import Image, ImageChops

from demo.catalog import DEMO_PRODUCTS
from imaging import fonts
from imaging.compose import render_text
from imaging.fonts import FontFileMissing, UnknownFont, font_runs, missing_glyphs
from imaging.print_setups import print_setup_for
from production.files.vector_text import text_svg

CHINESE = "李伟刻字永远爱你"


def offered_fonts() -> list[tuple[str, str, str, list[str]]]:
    """(sku, option, font code, charsets) for every font a demo product offers."""
    return [
        (product["sku"], option["code"], font["code"], option.get("charsets", []))
        for product in DEMO_PRODUCTS
        for option in product["options"]
        for font in option.get("fonts", [])
    ]


def families(code: str, text: str) -> set[str]:
    return {font.getname()[0] for font, _ in font_runs(code, 80, text)}


def ink(code: str, text: str) -> Image.Image:
    return render_text(text, code, 120, (0, 0, 0)).getchannel("A")


def differ(a: Image.Image, b: Image.Image) -> bool:
    if a.size != b.size:
        return True
    return ImageChops.difference(a, b).getbbox() is not None


def test_every_offered_font_code_is_registered_and_installed():
    offered = offered_fonts()

    assert {code for _, _, code, _ in offered} >= {"serif", "script", "kai", "block"}
    for _, _, code, _ in offered:
        for key in fonts.faces_for(code):
            assert fonts.face_path(key).is_file()


def test_the_tumbler_fonts_are_real_faces_not_dejavu():
    setup = print_setup_for("TUMBLER-ENGRAVED")

    assert families(setup.font("serif"), "Li Wei") == {"TeX Gyre Termes"}
    assert families(setup.font("script"), "Li Wei") == {"TeX Gyre Chorus"}
    assert families(setup.font("kai"), "Li Wei") == {"AR PL UKai CN"}
    assert families(setup.font("kai"), CHINESE) == {"AR PL UKai CN"}
    # Chinese in a Latin face is drawn in a Chinese face of the same character
    assert families(setup.font("serif"), CHINESE) == {"AR PL UMing CN"}  # Song / Ming
    assert families("block", CHINESE) == {"WenQuanYi Micro Hei"}  # Hei


@pytest.mark.parametrize("text", ["Li Wei 2026", CHINESE])
def test_different_font_codes_draw_different_pixels_and_outlines(text):
    codes = ["serif", "script", "kai", "block"] if text.isascii() else ["serif", "kai", "block"]
    rendered = {code: ink(code, text) for code in codes}
    outlines = {code: text_svg(text=text, font=code, width_mm=100, height_mm=30) for code in codes}

    for a, b in combinations(codes, 2):
        assert differ(rendered[a], rendered[b]), (a, b)
        assert outlines[a] != outlines[b], (a, b)


@pytest.mark.parametrize(
    ("sku", "code"),
    sorted({(sku, code) for sku, _, code, charsets in offered_fonts() if "cjk" in charsets}),
)
def test_chinese_text_has_no_missing_glyph_boxes(sku, code):
    code = print_setup_for(sku).font(code) if print_setup_for(sku) else code

    assert missing_glyphs(code, CHINESE) == ""
    for font, chars in font_runs(code, 120, CHINESE):
        box = font.getmask("\ue000")  # a private-use point: every face draws its .notdef box
        for char in chars:
            glyph = font.getmask(char)
            assert glyph.size != box.size or bytes(glyph) != bytes(box), char
            assert glyph.getbbox() is not None, char


def test_an_uninstalled_font_file_is_a_clear_error_naming_its_package(monkeypatch, tmp_path):
    gone = dataclasses.replace(fonts.FACES["chorus"], path=tmp_path / "chorus.otf")
    monkeypatch.setitem(fonts.FACES, "chorus", gone)
    fonts._cmap.cache_clear()
    fonts.ttfont.cache_clear()
    fonts._load.cache_clear()
    try:
        with pytest.raises(FontFileMissing, match="fonts-texgyre"):
            font_runs("script", 40, "Li Wei")
    finally:
        monkeypatch.undo()
        fonts._cmap.cache_clear()
        fonts.ttfont.cache_clear()
        fonts._load.cache_clear()


def test_an_unknown_font_code_is_refused_not_drawn_in_another_face():
    with pytest.raises(UnknownFont):
        print_setup_for("TUMBLER-ENGRAVED").font("comic")
