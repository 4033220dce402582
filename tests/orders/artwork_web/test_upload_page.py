"""Given the product page's upload control, uploads work with htmx and as a plain form."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.test import RequestFactory

from orders.models import Artwork
from tests.imaging import fixtures as fx

from .conftest import png

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def post(client, data: bytes, headers=None, **fields):
    form = {
        "file": SimpleUploadedFile("art.png", data),
        "sku": "TEE-PRINT",
        "option": "artwork_front",
        "form_id": "configurator",
        "next": "/products/TEE-PRINT/",
        **fields,
    }
    return client.post("/artworks/upload/", form, headers=headers or {})


def test_htmx_upload_renders_the_partial_with_thumbnail_and_preflight(client, tee) -> None:
    response = post(client, png((1800, 2400)), headers=HTMX)

    assert response.status_code == 200
    artwork = Artwork.objects.get()
    html = response.content.decode()
    assert f'name="artwork_front" value="{artwork.public_id}" form="configurator"' in html
    assert f"/artworks/{artwork.public_id}/image/?size=preview" in html
    assert 'data-area="front" data-level="warning"' in html
    assert "152 DPI" in html


def test_htmx_refusal_is_a_4xx_partial_with_the_message(client, tee) -> None:
    response = post(client, fx.SVG, headers=HTMX)

    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and "SVG files are not accepted" in html
    assert not Artwork.objects.exists()


def test_htmx_refusal_in_chinese(client, tee) -> None:
    response = post(client, fx.SVG, headers={**HTMX, "Accept-Language": "zh-hans"})
    assert "不支持 SVG 文件" in response.content.decode()


def test_without_javascript_the_form_post_redirects_back_with_the_artwork(client, tee) -> None:
    response = post(client, png())

    artwork = Artwork.objects.get()
    assert response.status_code == 302
    assert response.url == f"/products/TEE-PRINT/?artwork_front={artwork.public_id}"


def test_without_javascript_a_refusal_redirects_back_with_a_message(client, tee) -> None:
    response = post(client, fx.png_bomb(30_000), follow=False)

    assert response.status_code == 302 and response.url == "/products/TEE-PRINT/"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("megapixels" in m for m in messages)


def test_upload_page_refuses_a_foreign_redirect(client, tee) -> None:
    response = post(client, png(), next="https://evil.example/")
    assert response.url.startswith("/products/TEE-PRINT/?artwork_front=")


def test_upload_page_checks_csrf(tee) -> None:
    from django.test import Client

    response = post(Client(enforce_csrf_checks=True), png())
    assert response.status_code == 403


def test_oversized_upload_page_answers_413(client, tee, settings) -> None:
    settings.ARTWORK_MAX_BYTES = 50_000
    response = post(client, png((1500, 1500)) + b"\0" * 200_000, headers=HTMX)
    assert response.status_code == 413 and "MB" in response.content.decode()


def test_template_tag_shows_the_visitors_own_chosen_artwork_only(client, tee) -> None:
    post(client, png())
    artwork = Artwork.objects.get()
    template = Template(
        "{% load artwork %}{% artwork_upload product 'artwork_front' 'Front' chosen=chosen %}"
    )
    request = RequestFactory().get(f"/products/TEE-PRINT/?artwork_front={artwork.public_id}")
    request.session = client.session
    request.user = __import__("django.contrib.auth.models").contrib.auth.models.AnonymousUser()

    context = {"request": request, "product": tee, "chosen": artwork.public_id}
    mine = template.render(Context(context))
    request.session = type(client.session)()  # another visitor
    theirs = template.render(Context(context))

    assert f'value="{artwork.public_id}"' in mine
    assert f'value="{artwork.public_id}"' not in theirs


def test_the_product_page_previews_the_chosen_artwork(client, tee) -> None:
    post(client, png())
    artwork = Artwork.objects.get()

    html = client.get(f"/products/TEE-PRINT/?artwork_front={artwork.public_id}").content.decode()

    assert "/products/TEE-PRINT/preview/?" in html
    assert f"artwork_front={artwork.public_id}" in html.split('id="product-preview"')[1]
