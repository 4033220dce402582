"""Given files customers send, when they are uploaded through the API, then a clear answer."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from PIL import Image

from orders.models import Artwork
from tests.imaging import fixtures as fx

from .conftest import png, upload

pytestmark = pytest.mark.django_db


def test_upload_returns_the_artwork_with_preflight_per_print_area(client, tee) -> None:
    response = upload(client, png((1200, 1600)), sku="TEE-PRINT")

    assert response.status_code == 201
    body = response.json()
    assert body["id"].startswith("art_")
    assert (body["width"], body["height"], body["has_alpha"]) == (1200, 1600, False)
    assert body["source_format"] == "png"
    # 1200 px across 300 mm is ~102 DPI: too low to print at full size.
    assert body["preflight"]["front"]["level"] == "blocked"
    assert body["preflight"]["front"]["effective_dpi"] == pytest.approx(101.6, abs=0.1)
    assert "DPI" in body["preflight"]["front"]["message"]["en"]


def test_stored_file_is_a_reencoded_png_under_a_content_name(client) -> None:
    response = upload(client, fx.jpeg_polyglot(), name="../../evil.html")

    assert response.status_code == 201
    artwork = Artwork.objects.get(public_id=response.json()["id"])
    assert artwork.path == f"artwork/{artwork.sha256[:2]}/{artwork.sha256}.png"
    stored = default_storage.open(artwork.path).read()
    assert stored.startswith(b"\x89PNG") and b"<script>" not in stored
    assert artwork.original_name == "evil.html"
    with Image.open(default_storage.open(artwork.preview_path)) as preview:
        assert max(preview.size) <= 1000


def test_same_picture_twice_is_one_artwork_for_its_owner(client, other_client) -> None:
    data = png()
    first = upload(client, data).json()
    again = upload(client, data)
    theirs = upload(other_client, data).json()

    assert again.status_code == 200 and again.json()["id"] == first["id"]
    assert theirs["id"] != first["id"]
    assert Artwork.objects.count() == 2
    # Content-addressed: both owners' rows point at the one stored file.
    assert len({a.path for a in Artwork.objects.all()}) == 1


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_file"),
        (fx.SVG, "unsupported_format"),
        (fx.PDF, "unsupported_format"),
        (fx.animated("GIF"), "unsupported_format"),
        (fx.animated("WEBP"), "animated_image"),
        (fx.png_bomb(30_000), "too_many_pixels"),
        (fx.png_header_only(25_000, 300), "dimensions_too_large"),
        (fx.encode(fx.photo((120, 90)), "PNG"), "image_too_small"),
        (png((600, 600))[:-2000], "truncated_image"),
        (b"\xff\xd8\xff\xe0" + b"not a jpeg at all" * 20, "corrupt_image|truncated_image"),
    ],
    ids=[
        "empty",
        "svg",
        "pdf",
        "gif",
        "animated-webp",
        "bomb",
        "pixel-flood",
        "too-small",
        "truncated",
        "corrupt",
    ],
)
def test_every_bad_file_gets_a_structured_400(client, data: bytes, code: str) -> None:
    response = upload(client, data)

    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] in code.split("|")
    assert body["detail"] and body["errors"]["file"] == [body["detail"]]
    assert body["message"]["zh-hans"]
    assert not Artwork.objects.exists()


def test_message_follows_the_customers_language(client) -> None:
    response = upload(client, fx.SVG, headers={"Accept-Language": "zh-hans"})
    assert response.json()["detail"].startswith("不支持 SVG")


def test_missing_file_is_a_clear_400(client) -> None:
    response = client.post("/api/v1/artworks/", {"sku": "TEE-PRINT"})
    assert response.status_code == 400
    assert response.json()["code"] == "file_required"


def test_oversized_body_is_refused_from_its_length_without_reading_it(client, settings) -> None:
    settings.ARTWORK_MAX_BYTES = 100_000
    response = upload(client, png((2000, 2000), "RGB") + b"\0" * 300_000)

    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"
    assert "0.1 MB" in response.json()["detail"] or "MB" in response.json()["detail"]


def test_file_over_the_limit_is_refused_even_when_the_body_fits(client, settings) -> None:
    # The header allows some slack for form framing; the file itself is still bounded.
    settings.ARTWORK_MAX_BYTES = 200_000
    response = upload(client, b"\x89PNG\r\n\x1a\n" + b"\0" * 230_000)

    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"


def test_limits_are_read_from_settings_at_call_time(client, settings) -> None:
    settings.ARTWORK_MIN_SIDE = 2000
    response = upload(client, png((1200, 1600)))
    assert response.json()["code"] == "image_too_small"
    assert "2000" in response.json()["detail"]
