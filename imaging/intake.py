"""Customer upload intake: identify, limit-check and normalize artwork to a clean sRGB PNG.

What we store is always a PNG re-encoded from decoded pixels, never the uploaded bytes, so
metadata, trailing HTML/script (polyglots) and unusual encodings do not survive intake.
"""

# Chinese messages use full-width punctuation on purpose.

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import BinaryIO, cast

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from .errors import ArtworkRejected

ACCEPTED_FORMATS: dict[str, str] = {"png": "PNG", "jpeg": "JPEG", "webp": "WEBP", "tiff": "TIFF"}
_ACCEPTED_TEXT = {"en": "PNG, JPEG, WebP or TIFF", "zh-hans": "PNG、JPEG、WebP 或 TIFF"}
# Pillow opens some JPEGs (phone "MPO" pictures) as MPO; their first frame is the photo.
_PILLOW_FORMATS = {"png": {"PNG"}, "jpeg": {"JPEG", "MPO"}, "webp": {"WEBP"}, "tiff": {"TIFF"}}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True, slots=True)
class UploadLimits:
    """What an upload may be. Defaults suit apparel and drinkware artwork."""

    max_bytes: int = 25 * 1024 * 1024
    max_pixels: int = 80_000_000
    max_side: int = 20_000
    min_width: int = 200
    min_height: int = 200


@dataclass(frozen=True, slots=True)
class NormalizedArtwork:
    """Artwork ready to store: sRGB PNG bytes without metadata, and facts about it.

    ``sha256`` is the hex digest of ``png`` (identical input gives identical bytes, so it
    can address the content). ``source_format`` is what the upload really was
    (``png``/``jpeg``/``webp``/``tiff``), whatever its name or declared type said.
    """

    png: bytes
    width: int
    height: int
    has_alpha: bool
    sha256: str
    source_format: str

    def open(self) -> Image.Image:
        """The normalized pixels as a loaded RGB or RGBA image."""
        image = Image.open(io.BytesIO(self.png), formats=["PNG"])
        image.load()
        return image


def sniff_format(head: bytes) -> str | None:
    """The format named by the leading bytes: an accepted key, a known refused one, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.lstrip()[:5] == b"%PDF-" or b"%PDF-" in head[:1024]:
        return "pdf"
    text = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<?xml") or text.startswith(b"<svg") or b"<svg" in text:
        return "svg"
    return None


def normalize_upload(
    data: bytes | BinaryIO, *, limits: UploadLimits | None = None
) -> NormalizedArtwork:
    """Validate an uploaded image and return it normalized (see ``NormalizedArtwork``).

    The format comes from the content (magic bytes, then Pillow restricted to that format),
    never from the file name or the client's content type. Pixel limits are checked on the
    header dimensions before any pixel is decoded, so a decompression bomb costs a few KB.

    Raises ``ArtworkRejected`` with one of these codes: ``empty_file``, ``file_too_large``,
    ``unsupported_format`` (SVG, PDF, GIF and anything unrecognised), ``animated_image``,
    ``too_many_pixels``, ``dimensions_too_large``, ``image_too_small``,
    ``truncated_image``, ``corrupt_image``.
    """
    limits = limits or UploadLimits()
    raw = _read_bounded(data, limits.max_bytes)
    detected = sniff_format(raw[:4096])
    if detected not in ACCEPTED_FORMATS:
        raise _unsupported(detected)

    try:
        image = Image.open(io.BytesIO(raw), formats=[ACCEPTED_FORMATS[detected]])
    except Image.DecompressionBombError:
        raise _too_many_pixels(None, limits) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise _corrupt(exc) from None
    with image:
        if image.format not in _PILLOW_FORMATS[detected]:
            raise _unsupported(detected)
        _check_header(image, detected, limits)
        try:
            if image.format == "MPO":
                image.seek(0)
            image.load()
            normalized = _to_working_space(ImageOps.exif_transpose(image))
        except Image.DecompressionBombError:
            raise _too_many_pixels(image.size, limits) from None
        except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
            raise _corrupt(exc) from None

    _check_minimum(normalized.size, limits)
    buffer = io.BytesIO()
    # Level 1: the upload request waits for this; higher levels are several times slower
    # for a few percent of storage.
    normalized.save(buffer, format="PNG", compress_level=1)
    png = buffer.getvalue()
    return NormalizedArtwork(
        png=png,
        width=normalized.width,
        height=normalized.height,
        has_alpha=normalized.mode == "RGBA",
        sha256=hashlib.sha256(png).hexdigest(),
        source_format=detected,
    )


def _read_bounded(data: bytes | BinaryIO, max_bytes: int) -> bytes:
    if isinstance(data, bytes | bytearray | memoryview):
        raw = bytes(data)
    else:
        # One byte past the limit tells "too large" apart without reading a huge stream.
        raw = data.read(max_bytes + 1)
    if not raw:
        raise ArtworkRejected(
            "empty_file",
            message={"en": "The file is empty.", "zh-hans": "文件为空。"},
        )
    if len(raw) > max_bytes:
        mb = max_bytes / (1024 * 1024)
        raise ArtworkRejected(
            "file_too_large",
            message={
                "en": f"The file is larger than {mb:g} MB. Please upload a smaller image.",
                "zh-hans": f"文件超过 {mb:g} MB，请上传更小的图片。",
            },
            params={"max_bytes": max_bytes},
        )
    return raw


def _check_header(image: Image.Image, detected: str, limits: UploadLimits) -> None:
    """Refuse on what the header declares, before decoding any pixel."""
    if getattr(image, "n_frames", 1) > 1 and image.format != "MPO":
        raise ArtworkRejected(
            "animated_image",
            message={
                "en": "Animated or multi-page images cannot be printed. "
                f"Please upload a single still {_ACCEPTED_TEXT['en']} image.",
                "zh-hans": "动图或多页图片无法印刷，"
                f"请上传单张静态的 {_ACCEPTED_TEXT['zh-hans']} 图片。",
            },
            params={"format": detected, "frames": getattr(image, "n_frames", 1)},
        )
    width, height = image.size
    if width * height > limits.max_pixels:
        raise _too_many_pixels(image.size, limits)
    if max(width, height) > limits.max_side:
        raise ArtworkRejected(
            "dimensions_too_large",
            message={
                "en": f"The image is {width} x {height} pixels; "
                f"each side may be at most {limits.max_side} pixels.",
                "zh-hans": f"图片为 {width} x {height} 像素，每边最多 {limits.max_side} 像素。",
            },
            params={"width": width, "height": height, "max_side": limits.max_side},
        )
    _check_minimum(image.size, limits)


def _check_minimum(size: tuple[int, int], limits: UploadLimits) -> None:
    width, height = size
    if width < limits.min_width or height < limits.min_height:
        raise ArtworkRejected(
            "image_too_small",
            message={
                "en": f"The image is {width} x {height} pixels; it needs at least "
                f"{limits.min_width} x {limits.min_height} pixels to print well.",
                "zh-hans": f"图片为 {width} x {height} 像素，至少需要 "
                f"{limits.min_width} x {limits.min_height} 像素才能清晰印刷。",
            },
            params={
                "width": width,
                "height": height,
                "min_width": limits.min_width,
                "min_height": limits.min_height,
            },
        )


def _to_working_space(image: Image.Image) -> Image.Image:
    """RGB or RGBA pixels in sRGB, without metadata; RGBA only if some pixel is see-through."""
    icc = image.info.get("icc_profile")
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit grey: scale to 8 bits; a plain convert would clip everything above 255.
        image = image.convert("I").point(lambda v: v * (1 / 257) + 0.5).convert("L")
    elif mode == "F":
        image = image.convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode in ("P", "L", "RGB", "1") and "transparency" in image.info
    )
    alpha = image.convert("RGBA").getchannel("A") if has_alpha else None
    if image.mode == "P":
        image = image.convert("RGBA").convert("RGB")
    rgb = _apply_icc(image, icc) if icc else None
    if rgb is None:
        rgb = image.convert("RGB")
    # One band's extrema are (min, max).
    if alpha is not None and cast("tuple[int, int]", alpha.getextrema())[0] < 255:
        rgb.putalpha(alpha)
    rgb.info.clear()
    return rgb


def _apply_icc(image: Image.Image, icc: bytes) -> Image.Image | None:
    """Pixels converted from the embedded profile to sRGB, or None if the profile is unusable."""
    source_mode = {"RGBA": "RGB", "LA": "L", "PA": "RGB", "1": "L"}.get(image.mode, image.mode)
    if source_mode not in ("RGB", "L", "CMYK"):
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        source = image if image.mode == source_mode else image.convert(source_mode)
        converted = ImageCms.profileToProfile(
            source,
            profile,
            _SRGB,
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
            outputMode="RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A broken or mismatched profile is common in the wild; fall back to a plain convert.
        return None
    return converted


def _unsupported(detected: str | None) -> ArtworkRejected:
    what = {"gif": "GIF", "svg": "SVG", "pdf": "PDF"}.get(detected or "", "")
    prefix_en = f"{what} files are not accepted. " if what else "This file type is not accepted. "
    prefix_zh = f"不支持 {what} 文件。" if what else "不支持此文件类型。"
    return ArtworkRejected(
        "unsupported_format",
        message={
            "en": f"{prefix_en}Please upload a {_ACCEPTED_TEXT['en']} image.",
            "zh-hans": f"{prefix_zh}请上传 {_ACCEPTED_TEXT['zh-hans']} 图片。",
        },
        params={"detected": detected or "unknown", "accepted": sorted(ACCEPTED_FORMATS)},
    )


def _too_many_pixels(size: tuple[int, int] | None, limits: UploadLimits) -> ArtworkRejected:
    mp = limits.max_pixels / 1_000_000
    dims = f"{size[0]} x {size[1]} pixels" if size else "too many pixels"
    return ArtworkRejected(
        "too_many_pixels",
        message={
            "en": f"The image has {dims}; at most {mp:g} megapixels are accepted.",
            "zh-hans": f"图片像素过多，最多接受 {mp:g} 百万像素。",
        },
        params={
            "max_pixels": limits.max_pixels,
            **({"width": size[0], "height": size[1]} if size else {}),
        },
    )


def _corrupt(exc: BaseException) -> ArtworkRejected:
    if "truncated" in str(exc).lower() or isinstance(exc, EOFError):
        return ArtworkRejected(
            "truncated_image",
            message={
                "en": "The image file is incomplete (it may not have finished uploading). "
                "Please upload it again.",
                "zh-hans": "图片文件不完整（可能未上传完成），请重新上传。",
            },
        )
    return ArtworkRejected(
        "corrupt_image",
        message={
            "en": "The image file is damaged and cannot be read. "
            f"Please upload a {_ACCEPTED_TEXT['en']} image.",
            "zh-hans": f"图片文件已损坏，无法读取。请上传 {_ACCEPTED_TEXT['zh-hans']} 图片。",
        },
    )
