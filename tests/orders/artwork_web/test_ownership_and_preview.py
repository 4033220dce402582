"""Given an uploaded artwork, only its owner sees it, uses it and previews with it."""

from __future__ import annotations

import io
import json
import time
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from PIL import Image

from c2m.errors import ApplicationError
from orders.selectors.artwork import ArtworkOwner
from orders.services.artwork import artworks_check_configuration

from .conftest import png, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()


@pytest.fixture
def art(client, tee) -> str:
    return upload(client, png((1800, 2400)), sku="TEE-PRINT").json()["id"]


def preview_url(art_id: str, **extra: str) -> str:
    options = {"colour": "#111111", "artwork_front": {"artwork_id": art_id, **extra}}
    return "/products/TEE-PRINT/preview/?" + urlencode({"config": json.dumps({"options": options})})


def test_owner_reads_their_artwork_image_and_preflight(client, art) -> None:
    detail = client.get(f"/api/v1/artworks/{art}/?sku=TEE-PRINT")
    image = client.get(f"/artworks/{art}/image/")
    preflight = client.get(f"/api/v1/artworks/{art}/preflight/?sku=TEE-PRINT&area=front&scale=0.5")

    assert detail.status_code == 200 and detail.json()["preflight"]["front"]["level"] == "warning"
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image["X-Content-Type-Options"] == "nosniff"
    assert image["Content-Disposition"] == f'inline; filename="{art}.png"'
    assert b"".join(image.streaming_content).startswith(b"\x89PNG")
    assert preflight.json()["report"]["effective_dpi"] == pytest.approx(304.8, abs=0.1)


def test_another_session_cannot_see_or_use_it(art, other_client) -> None:
    assert other_client.get(f"/api/v1/artworks/{art}/").status_code == 404
    assert other_client.get(f"/api/v1/artworks/{art}/").json()["code"] == "artwork_not_found"
    assert other_client.get(f"/artworks/{art}/image/").status_code == 404
    preflight = other_client.get(f"/api/v1/artworks/{art}/preflight/?sku=TEE-PRINT&area=front")
    assert preflight.status_code == 404
    preview = other_client.get(preview_url(art))
    assert preview.status_code == 404 and preview.json()["code"] == "artwork_not_found"


def test_another_customer_cannot_use_it_in_a_configuration(art, client) -> None:
    user = get_user_model().objects.create_user("mallory", password="x")
    values = {"artwork_front": {"artwork_id": art, "print_area": "front", "placement": {}}}

    with pytest.raises(ApplicationError) as caught:
        artworks_check_configuration(sku="TEE-PRINT", values=values, owner=ArtworkOwner(user.pk))

    assert caught.value.code == "invalid_configuration"
    assert "does not exist" in caught.value.errors["artwork_front"][0]
    # The owner's own session passes, with the preflight to store beside the configuration.
    token = client.session["c2m_artwork_owner"]
    reports = artworks_check_configuration(
        sku="TEE-PRINT", values=values, owner=ArtworkOwner(guest_token=token)
    )
    assert reports["artwork_front"]["level"] == "warning"


def test_a_signed_in_customer_owns_what_they_upload(client, tee) -> None:
    user = get_user_model().objects.create_user("li", password="x")
    client.force_login(user)
    art = upload(client, png()).json()["id"]

    client.logout()
    assert client.get(f"/api/v1/artworks/{art}/").status_code == 404
    client.force_login(user)
    assert client.get(f"/api/v1/artworks/{art}/").status_code == 200


def test_preview_is_a_webp_of_the_colour_variant_cached_by_content(client, art) -> None:
    started = time.perf_counter()
    first = client.get(preview_url(art, placement={"scale": "0.8"}))
    cold = time.perf_counter() - started
    started = time.perf_counter()
    second = client.get(preview_url(art, placement={"scale": "0.8"}))
    warm = time.perf_counter() - started

    assert first.status_code == 200 and first["Content-Type"] == "image/webp"
    assert (first["X-Preview-Cache"], second["X-Preview-Cache"]) == ("miss", "hit")
    assert first.content == second.content and first["ETag"] == second["ETag"]
    assert warm < cold
    image = Image.open(__import__("io").BytesIO(first.content))
    assert max(image.size) == 1000
    # Black T-shirt: the mockup's corner (the shirt body) is dark.
    assert sum(image.convert("RGB").getpixel((500, 850))) < 200

    not_modified = client.get(
        preview_url(art, placement={"scale": "0.8"}), headers={"If-None-Match": first["ETag"]}
    )
    assert not_modified.status_code == 304
    moved = client.get(preview_url(art, placement={"scale": "0.5"}))
    assert moved["ETag"] != first["ETag"]


def test_preview_takes_one_parameter_per_option(client, art) -> None:
    response = client.get(
        f"/products/TEE-PRINT/preview/?colour=%23FFFFFF&artwork_front={art}"
        "&artwork_front.scale=0.6&artwork_front.offset_y=-0.1"
    )
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"


def test_a_chosen_garment_size_is_an_option_and_px_the_preview_width(client, art) -> None:
    # "size" is the T-shirt's own option code: it must not be read as the preview width.
    response = client.get(
        f"/products/TEE-PRINT/preview/?size=M&colour=%23FFFFFF&artwork_front={art}&px=400"
    )

    assert response.status_code == 200
    assert max(Image.open(io.BytesIO(response.content)).size) == 400


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("config=not-json", "invalid_configuration"),
        ('config={"options":{"colour":"#123456"}}', "invalid_configuration"),
        (
            'config={"options":{"artwork_front":{"artwork_id":"x","placement":{"scale":"99"}}}}',
            "invalid_configuration",
        ),
        ('config={"options":{"nope":1}}', "invalid_configuration"),
        ("px=99999", "invalid_size"),
        ("size=M&px=abc", "invalid_size"),
        ("hash=deadbeef", "configuration_not_found"),
    ],
)
def test_bad_preview_requests_get_a_structured_4xx(client, tee, query: str, code: str) -> None:
    response = client.get(f"/products/TEE-PRINT/preview/?{query}")

    assert 400 <= response.status_code < 500
    assert response.json()["code"] == code
    assert response["Cache-Control"] == "no-store"


def test_an_img_tag_gets_the_refusal_as_an_image(client, tee) -> None:
    response = client.get(
        "/products/TEE-PRINT/preview/?config=[]", headers={"Accept": "image/webp,image/*"}
    )
    assert response.status_code == 400 and response["Content-Type"] == "image/png"
