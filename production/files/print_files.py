"""Print-ready files at physical size: DTG PNGs, CMYK TIFFs and engraving/embroidery text.

Each file is one print area's canvas at ``dpi`` (300 x 400 mm at 300 DPI -> 3543 x 4724 px)
with the artwork placed exactly as in the customer's preview, and the DPI written in the
file. The same input gives the same bytes, so files can be addressed by their sha256.
"""

from __future__ import annotations

import io
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from PIL import Image, ImageCms

from imaging import Placement, PrintArea
from imaging.compose import TextLayer, place_image, place_text

Process = Literal["dtg", "cmyk"]
MAX_PRINT_PIXELS = 200_000_000
# Shipped coated-paper press profile (see icc/README.md); C2M_CMYK_PROFILE overrides it.
DEFAULT_CMYK_PROFILE = Path(__file__).resolve().parent / "icc" / "C2M-coated-FOGRA39.icc"


def print_file(
    *,
    artwork: Image.Image,
    area: PrintArea,
    placement: Placement,
    process: Process,
    dpi: int = 300,
    cmyk_profile: str | Path | None = None,
) -> bytes:
    """The print file for one area.

    ``dtg``: an RGBA PNG (transparent where nothing prints). ``cmyk``: an LZW TIFF in CMYK,
    converted from sRGB through a CMYK ICC profile (``cmyk_profile``, else the
    ``C2M_CMYK_PROFILE`` environment variable, else ``DEFAULT_CMYK_PROFILE``) that is
    embedded in the file.

    Raises ``ValueError`` for an unknown process, a canvas above ``MAX_PRINT_PIXELS`` or a
    CMYK profile that is missing or not a CMYK output profile.
    """
    canvas = _area_canvas(area, dpi)
    place_image(canvas, artwork, placement, resample=Image.Resampling.LANCZOS)
    if process == "dtg":
        return _png(canvas, dpi)
    if process == "cmyk":
        return _cmyk_tiff(canvas, dpi, cmyk_profile)
    raise ValueError(f"unknown print process {process!r}")


def text_file(
    *,
    text: str,
    font: str,
    area: PrintArea,
    dpi: int = 300,
    placement: Placement | None = None,
) -> bytes:
    """Engraving / embroidery text as its own file: black on transparent, at physical size.

    An RGBA PNG of the area's size at ``dpi``; the text is fitted to the area (or placed as
    ``placement`` says, matching the preview). Raises ``UnknownFont`` for an unknown font.
    """
    canvas = _area_canvas(area, dpi)
    layer = TextLayer(text=text, area=area.name, font=font, placement=placement or Placement())
    place_text(canvas, layer, colour="#000000")
    return _png(canvas, dpi)


def cmyk_profile_path(explicit: str | Path | None = None) -> Path:
    """The CMYK profile to convert through: ``explicit``, ``C2M_CMYK_PROFILE``, the shipped one."""
    return Path(explicit or os.environ.get("C2M_CMYK_PROFILE") or DEFAULT_CMYK_PROFILE)


def _area_canvas(area: PrintArea, dpi: int) -> Image.Image:
    if not 72 <= dpi <= 1200:
        raise ValueError("dpi must be between 72 and 1200")
    width, height = area.pixels_at(dpi)
    if width * height > MAX_PRINT_PIXELS:
        raise ValueError(f"print canvas {width} x {height} px is too large")
    return Image.new("RGBA", (width, height), (0, 0, 0, 0))


def _png(image: Image.Image, dpi: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi), compress_level=3)
    return buffer.getvalue()


def _cmyk_tiff(canvas: Image.Image, dpi: int, profile: str | Path | None) -> bytes:
    # Paper has no alpha: transparent means no ink, i.e. white.
    rgb = Image.new("RGB", canvas.size, (255, 255, 255))
    rgb.paste(canvas, mask=canvas.getchannel("A"))
    path = cmyk_profile_path(profile)
    cmyk = ImageCms.applyTransform(rgb, _cmyk_transform(str(path)))
    assert cmyk is not None  # None only when transforming in place
    buffer = io.BytesIO()
    cmyk.save(
        buffer, format="TIFF", compression="tiff_lzw", dpi=(dpi, dpi), icc_profile=path.read_bytes()
    )
    return buffer.getvalue()


@lru_cache(maxsize=4)
def _cmyk_transform(profile_path: str) -> ImageCms.ImageCmsTransform:
    try:
        profile = ImageCms.getOpenProfile(profile_path)
        return ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"),
            profile,
            "RGB",
            "CMYK",
            renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
            flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
        )
    except (ImageCms.PyCMSError, OSError) as exc:
        raise ValueError(
            f"CMYK profile {profile_path} is missing or not a CMYK output profile"
        ) from exc
