"""The product page's media column: a live preview where the product has print areas or is
drawn from its options, an upload control per artwork option, and the product's picture
otherwise."""

from __future__ import annotations

import pytest

from imaging.drawn_products import DRAWN_PRODUCTS

pytestmark = pytest.mark.django_db


def test_the_tee_page_offers_an_artwork_upload_per_print_area_and_a_live_preview(client, tee):
    html = client.get(tee.get_absolute_url()).content.decode()

    assert html.count('action="/artworks/upload/') == 2  # front and back
    assert 'id="product-preview"' in html
    assert 'src="/products/TEE-PRINT/preview/?' in html


def test_the_table_page_shows_the_table_drawn_to_its_options(client, table):
    html = client.get(table.get_absolute_url()).content.decode()

    assert 'src="/products/TABLE-SOLID/preview/?' in html
    assert "table.svg" not in html


def test_products_the_preview_cannot_draw_keep_their_picture(client, table, monkeypatch):
    monkeypatch.delitem(DRAWN_PRODUCTS, "TABLE-SOLID")  # as a product nothing draws

    html = client.get(table.get_absolute_url()).content.decode()

    assert 'id="product-preview"' not in html
    assert 'src="/static/img/products/table.svg"' in html
