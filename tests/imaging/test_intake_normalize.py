"""Given an acceptable upload, when normalized, then we store a clean sRGB PNG of it."""

from __future__ import annotations

import hashlib
import io

import pytest
from PIL import Image, ImageCms

from imaging import normalize_upload

from . import fixtures as fx


def reopen(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    image.load()
    return image


@pytest.mark.parametrize("polyglot", [fx.png_polyglot(), fx.jpeg_polyglot()], ids=["png", "jpeg"])
def test_polyglot_is_neutralized_by_re_encoding(polyglot: bytes) -> None:
    result = normalize_upload(polyglot)

    assert result.png != polyglot
    lowered = result.png.lower()
    assert b"<html" not in lowered and b"<script" not in lowered
    assert reopen(result.png).size == (400, 300)


def test_format_comes_from_content_not_from_the_name() -> None:
    stream = io.BytesIO(fx.encode(fx.photo(), "WEBP", lossless=True))
    stream.name = "holiday.jpg"

    result = normalize_upload(stream)

    assert result.source_format == "webp"


def test_cmyk_jpeg_becomes_rgb() -> None:
    cmyk = Image.new("CMYK", (300, 300), (0, 255, 255, 0))  # pure red ink

    result = normalize_upload(fx.encode(cmyk, "JPEG", quality=95))

    image = reopen(result.png)
    assert image.mode == "RGB"
    r, g, b = image.getpixel((150, 150))
    assert r > 200 and g < 40 and b < 40


def test_exif_orientation_6_is_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored landscape, shown rotated 90 degrees clockwise
    data = fx.encode(fx.photo((400, 300)), "JPEG", quality=95, exif=exif.tobytes())

    result = normalize_upload(data)

    image = reopen(result.png)
    assert (result.width, result.height) == (300, 400) == image.size
    top, bottom = image.getpixel((150, 20)), image.getpixel((150, 380))
    assert top[0] > 180 and top[2] < 60  # the stored left (red) half is now on top
    assert bottom[2] > 180 and bottom[0] < 60


def test_16_bit_rgb_png_is_reduced_to_8_bit_rgb() -> None:
    result = normalize_upload(fx.png_16bit_rgb(256, 256, (65535, 32896, 0)))

    image = reopen(result.png)
    assert image.mode == "RGB"
    assert image.getpixel((10, 10)) == (255, 128, 0)


def test_16_bit_grey_png_keeps_its_tones() -> None:
    grey = Image.new("I;16", (256, 256), 40_000)

    result = normalize_upload(fx.encode(grey, "PNG"))

    assert reopen(result.png).getpixel((5, 5)) == (156, 156, 156)


def test_palette_image_with_transparency_keeps_alpha() -> None:
    image = Image.new("P", (300, 300), 0)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    image.paste(1, (100, 100, 200, 200))
    data = fx.encode(image, "PNG", transparency=0)

    result = normalize_upload(data)

    out = reopen(result.png)
    assert result.has_alpha and out.mode == "RGBA"
    assert out.getpixel((5, 5))[3] == 0
    assert out.getpixel((150, 150)) == (255, 0, 0, 255)


def test_grey_with_alpha_becomes_rgba() -> None:
    image = Image.new("LA", (300, 300), (90, 0))
    image.paste((200, 255), (0, 0, 150, 300))

    result = normalize_upload(fx.encode(image, "PNG"))

    out = reopen(result.png)
    assert out.mode == "RGBA"
    assert out.getpixel((10, 10)) == (200, 200, 200, 255)
    assert out.getpixel((290, 10))[3] == 0


def test_fully_opaque_alpha_is_dropped() -> None:
    result = normalize_upload(fx.encode(fx.photo(mode="RGBA"), "PNG"))
    assert not result.has_alpha
    assert reopen(result.png).mode == "RGB"


def test_metadata_is_stripped() -> None:
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x013B] = "Jane Private"  # Artist
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = fx.encode(fx.photo(), "JPEG", exif=exif.tobytes(), icc_profile=srgb, comment=b"hush")

    result = normalize_upload(data)

    for marker in (b"SecretCam", b"Jane Private", b"hush", b"eXIf", b"iCCP", b"tEXt", b"zTXt"):
        assert marker not in result.png
    image = reopen(result.png)
    assert "exif" not in image.info and "icc_profile" not in image.info


def test_embedded_icc_profile_is_converted_to_srgb() -> None:
    # A greyscale image tagged with a Lab-ish grey profile still comes out as RGB.
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = fx.encode(fx.photo(), "PNG", icc_profile=srgb)

    result = normalize_upload(data)

    assert reopen(result.png).getpixel((10, 10)) == (220, 20, 20)


def test_broken_icc_profile_falls_back_to_plain_conversion() -> None:
    data = fx.encode(fx.photo(), "PNG", icc_profile=b"definitely not a profile")

    result = normalize_upload(data)

    assert reopen(result.png).getpixel((10, 10)) == (220, 20, 20)


def test_tiff_is_accepted() -> None:
    result = normalize_upload(fx.encode(fx.photo(), "TIFF"))
    assert result.source_format == "tiff"


def test_output_is_deterministic_and_addressed_by_sha256() -> None:
    data = fx.encode(fx.photo(), "JPEG", quality=90)

    first, second = normalize_upload(data), normalize_upload(data)

    assert first.png == second.png
    assert first.sha256 == hashlib.sha256(first.png).hexdigest() == second.sha256
    assert (first.width, first.height, first.source_format) == (400, 300, "jpeg")
    assert first.open().size == (400, 300)
