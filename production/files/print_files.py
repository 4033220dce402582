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

from PIL import Image, ImageChops, ImageCms

from orders.artwork import Placement, PrintArea
from orders.artwork.compose import TextLayer, place_image, place_text

Process = Literal["dtg", "cmyk"]
MAX_PRINT_PIXELS = 200_000_000
# Free CMYK profiles (ECI/ICC "free to use") looked for when C2M_CMYK_PROFILE is unset.
CMYK_PROFILE_PATHS = (
    "/usr/share/color/icc/ISOcoated_v2_eci.icc",
    "/usr/share/color/icc/ghostscript/default_cmyk.icc",
    "/usr/share/color/icc/colord/FOGRA39L_coated.icc",
)


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
    converted through a CMYK ICC profile when one is found (``cmyk_profile``, the
    ``C2M_CMYK_PROFILE`` environment variable, then ``CMYK_PROFILE_PATHS``) and embedded in
    the file; otherwise through a documented fallback (see ``rgb_to_cmyk_fallback``).

    Raises ``ValueError`` for an unknown process or a canvas above ``MAX_PRINT_PIXELS``.
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


def rgb_to_cmyk_fallback(rgb: Image.Image) -> Image.Image:
    """RGB to CMYK without a profile: naive inversion with full grey-component replacement.

    C, M, Y = 255 - R, G, B; K = min(C, M, Y) is taken out of each, so neutrals print with
    black ink only and total ink never exceeds 200 %. Colours are not colour-managed: the
    factory should proof with its own profile (noted on the job ticket by the caller).
    """
    cmy = ImageChops.invert(rgb.convert("RGB"))
    c, m, y = cmy.split()
    k = ImageChops.darker(ImageChops.darker(c, m), y)
    return Image.merge(
        "CMYK",
        (ImageChops.subtract(c, k), ImageChops.subtract(m, k), ImageChops.subtract(y, k), k),
    )


def find_cmyk_profile(explicit: str | Path | None = None) -> Path | None:
    """The CMYK profile to use, or None when none is installed."""
    candidates = [explicit, os.environ.get("C2M_CMYK_PROFILE"), *CMYK_PROFILE_PATHS]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    return None


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


def _cmyk_tiff(canvas: Image.Image, dpi: int, profile_path: str | Path | None) -> bytes:
    # Paper has no alpha: transparent means no ink, i.e. white.
    rgb = Image.new("RGB", canvas.size, (255, 255, 255))
    rgb.paste(canvas, mask=canvas.getchannel("A"))
    profile = find_cmyk_profile(profile_path)
    icc: bytes | None = None
    if profile is not None:
        transform = _cmyk_transform(str(profile))
        cmyk = ImageCms.applyTransform(rgb, transform)
        icc = Path(profile).read_bytes()
    else:
        cmyk = rgb_to_cmyk_fallback(rgb)
    buffer = io.BytesIO()
    options: dict[str, object] = {"compression": "tiff_lzw", "dpi": (dpi, dpi)}
    if icc:
        options["icc_profile"] = icc
    cmyk.save(buffer, format="TIFF", **options)
    return buffer.getvalue()


@lru_cache(maxsize=4)
def _cmyk_transform(profile_path: str) -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        ImageCms.getOpenProfile(profile_path),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )
