"""The artwork upload and live preview partials are included when (and only when) they exist."""

from __future__ import annotations

import copy

import pytest
from django.conf import settings as django_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def partials(tmp_path, settings):
    folder = tmp_path / "templates" / "orders" / "partials"
    folder.mkdir(parents=True)
    (folder / "artwork_upload.html").write_text(
        "<form class='fake-upload'>UPLOAD {{ option_code }} into {{ form_id }}</form>"
    )
    (folder / "preview_image.html").write_text(
        "<figure id='product-preview'><img src='{{ preview_url }}'></figure>"
    )
    templates = copy.deepcopy(django_settings.TEMPLATES)
    templates[0]["DIRS"] = [tmp_path / "templates", *templates[0]["DIRS"]]
    settings.TEMPLATES = templates
    return folder


def test_the_tee_page_offers_an_artwork_upload_per_print_area_and_a_live_preview(client, tee):
    html = client.get(tee.get_absolute_url()).content.decode()
    assert html.count('action="/artworks/upload/') == 2  # front and back
    assert "Artwork upload opens soon." not in html
    assert 'id="product-preview"' in html


def test_with_the_partials_the_page_includes_upload_and_preview_of_the_design(
    client, tee, partials, monkeypatch
):
    monkeypatch.setattr("orders.configurator_page.has_live_preview", lambda sku: True)
    html = client.get(tee.get_absolute_url()).content.decode()
    assert "UPLOAD artwork_front into configurator" in html
    assert "UPLOAD artwork_back into configurator" in html
    assert "Artwork upload opens soon." not in html

    update = client.post(
        reverse("orders:product_configure", args=[tee.sku]),
        {"size": "L", "colour": "#111111", "engraving": "x", "extras": ["polybag", "gift_box"]},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert (
        "<img src='/products/TEE-PRINT/preview/?size=L&amp;colour=%23111111"
        "&amp;extras=polybag&amp;extras=gift_box'>" in update
    )


def test_products_the_preview_cannot_draw_keep_their_picture(client, table, partials):
    html = client.get(table.get_absolute_url()).content.decode()
    assert "id='product-preview'" not in html
    assert 'src="/static/img/products/table.svg"' in html
