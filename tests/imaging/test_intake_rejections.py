"""Given a hostile or unusable upload, when it is normalized, then it is refused clearly."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from imaging import ArtworkRejected, UploadLimits, normalize_upload

from . import fixtures as fx


def rejection(data: bytes, limits: UploadLimits | None = None) -> ArtworkRejected:
    with pytest.raises(ArtworkRejected) as caught:
        normalize_upload(data, limits=limits or UploadLimits())
    error = caught.value
    assert error.message["en"] and error.message["zh-hans"]
    return error


# Pillow itself only warns for 12000^2; the refusal below is ours, so the warning is noise.
@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize("side", [9_000, 12_000, 30_000])
def test_decompression_bomb_is_refused_from_its_header(side: int) -> None:
    # 9000^2 is under Pillow's own limit, 12000^2 only warns, 30000^2 trips its error.
    bomb = fx.png_bomb(side)
    assert len(bomb) < 200_000

    error = rejection(bomb)

    assert error.code == "too_many_pixels"
    assert "80" in error.message["en"]


def test_lying_header_declaring_huge_dimensions_is_refused() -> None:
    error = rejection(fx.png_header_only(30_000, 30_000))
    assert error.code == "too_many_pixels"


def test_pixel_flood_with_one_enormous_side_is_refused() -> None:
    error = rejection(fx.png_header_only(25_000, 300))
    assert error.code == "dimensions_too_large"
    assert error.params["max_side"] == 20_000


def test_pixel_limit_is_configurable() -> None:
    data = fx.encode(fx.photo((1200, 1000)), "PNG")
    error = rejection(data, UploadLimits(max_pixels=1_000_000))
    assert error.code == "too_many_pixels"


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_truncated_file_is_refused(fmt: str) -> None:
    noisy = Image.effect_noise((600, 600), 80).convert("RGB")
    data = fx.encode(noisy, fmt)
    error = rejection(data[: len(data) // 2])
    assert error.code == "truncated_image"


def test_zero_bytes_is_refused() -> None:
    assert rejection(b"").code == "empty_file"


def test_empty_stream_is_refused() -> None:
    assert rejection(io.BytesIO(b"")).code == "empty_file"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50,
        b"\xff\xd8\xff\xe0" + b"not a jpeg at all" * 20,
        fx.encode(fx.photo(), "PNG")[:40] + b"\x00" * 30 + fx.encode(fx.photo(), "PNG")[70:],
    ],
    ids=["png-signature-then-garbage", "jpeg-marker-then-text", "png-damaged-chunks"],
)
def test_corrupt_file_is_refused(data: bytes) -> None:
    assert rejection(data).code in {"corrupt_image", "truncated_image"}


def test_svg_is_refused_saying_what_is_accepted() -> None:
    error = rejection(fx.SVG)
    assert error.code == "unsupported_format"
    assert error.params["detected"] == "svg"
    assert "SVG" in error.message["en"] and "PNG, JPEG, WebP" in error.message["en"]


def test_pdf_is_refused() -> None:
    error = rejection(fx.PDF)
    assert (error.code, error.params["detected"]) == ("unsupported_format", "pdf")


@pytest.mark.parametrize("frames", [1, 3], ids=["still", "animated"])
def test_gif_is_refused_whether_animated_or_not(frames: int) -> None:
    data = fx.animated("GIF", frames) if frames > 1 else fx.encode(fx.photo(), "GIF")
    error = rejection(data)
    assert (error.code, error.params["detected"]) == ("unsupported_format", "gif")
    assert "GIF" in error.message["en"] and "PNG" in error.message["en"]


def test_other_formats_are_refused() -> None:
    error = rejection(fx.encode(fx.photo(), "BMP"))
    assert (error.code, error.params["detected"]) == ("unsupported_format", "unknown")


@pytest.mark.parametrize("fmt", ["WEBP", "PNG"])
def test_animated_webp_and_apng_are_refused(fmt: str) -> None:
    error = rejection(fx.animated(fmt))
    assert error.code == "animated_image"
    assert error.params["frames"] == 3


def test_too_small_image_is_refused() -> None:
    error = rejection(fx.encode(fx.photo((199, 400)), "PNG"))
    assert error.code == "image_too_small"
    assert error.params == {"width": 199, "height": 400, "min_width": 200, "min_height": 200}


def test_too_large_file_is_refused_reading_no_more_than_the_limit() -> None:
    limit = 50_000
    stream = io.BytesIO(fx.encode(Image.effect_noise((400, 400), 90).convert("RGB"), "PNG"))
    assert len(stream.getvalue()) > limit

    error = rejection(stream, UploadLimits(max_bytes=limit))  # type: ignore[arg-type]

    assert error.code == "file_too_large"
    assert stream.tell() == limit + 1


def test_default_size_limit_is_25_mb() -> None:
    error = rejection(b"\x89PNG\r\n\x1a\n" + bytes(25 * 1024 * 1024))
    assert error.code == "file_too_large"


def test_rejection_is_an_application_error_with_a_stable_code() -> None:
    from c2m.errors import ApplicationError

    error = rejection(fx.SVG)
    assert isinstance(error, ApplicationError)
    assert error.status == 400
    assert error.detail == error.message["en"]
