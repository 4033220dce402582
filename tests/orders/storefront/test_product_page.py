"""The product page without JavaScript: every option kind, full-page refresh, add to cart."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    return response.content.decode()


def test_catalog_lists_every_product_with_its_price_and_link(client, catalog):
    # When a visitor opens the shop
    html = _html(client.get("/"))

    # Then each product is there with its from-price and a link to its configurator
    assert "Custom-size solid wood table" in html and "from ¥800.00" in html
    for product in catalog.values():
        assert product.get_absolute_url() in html


def test_every_option_kind_renders_as_an_accessible_control(client, tee, tumbler, shirt, table):
    # Given the T-shirt page: choice, colour, multi-choice and artwork options
    html = _html(client.get(tee.get_absolute_url()))
    assert re.search(r'<input id="opt-size-1" type="radio" name="size" value="S"', html)
    assert '<legend>Size <span class="req"' in html
    assert 'value="#111111"' in html and 'fill="#111111"' in html  # swatch
    assert 'type="checkbox" name="extras" value="gift_box"' in html
    assert "Choose up to 2 items." in html
    assert 'id="artwork-artwork_front"' in html  # the artwork region, upload or placeholder
    assert 'name="artwork_front.scale" type="range"' in html

    # And the tumbler: swatches on a choice, a two-line text with its fonts
    html = _html(client.get(tumbler.get_absolute_url()))
    assert 'fill="#1B1B1B"' in html
    assert re.search(r'<textarea id="opt-engraving" name="engraving" rows="2"', html)
    assert '<select id="opt-engraving-font" name="engraving.font">' in html
    assert '<label for="opt-engraving">Engraving text' in html

    # And the shirt: numbers with unit, bounds and step; the monogram hidden until asked for
    html = _html(client.get(shirt.get_absolute_url()))
    assert re.search(r'name="chest" type="number"[^>]*min="80" max="140" step="0.5"', html, re.S)
    assert "From 80 to 140 cm, in steps of 0.5." in html
    assert '<span class="visibility-marker" id="visible-monogram" data-hidden' in html

    # And the table page renders its groups as fieldsets with legends
    html = _html(client.get(table.get_absolute_url()))
    assert '<fieldset class="option-group" id="group-dimensions">' in html
    assert "<legend>Dimensions</legend>" in html


def test_page_loads_htmx_from_our_own_static_files(client, tumbler):
    html = _html(client.get(tumbler.get_absolute_url()))
    assert '<script src="/static/js/htmx.min.js" defer></script>' in html
    loaded = re.findall(r'<(?:script|img|link)\b[^>]*?(?:src|href)="([^"]+)"', html)
    foreign = [url for url in loaded if not url.startswith("/") or url.startswith("//")]
    assert loaded and foreign == []
    assert f'hx-post="{reverse("orders:product_configure", args=[tumbler.sku])}"' in html


def test_refresh_without_javascript_shows_price_errors_and_disabled_values(client, tumbler):
    # When a visitor without JavaScript chooses mirror polish and an engraving, then updates
    response = client.post(
        tumbler.get_absolute_url(),
        {"action": "refresh", "capacity": "750ml", "finish": "mirror", "engraving": "LI"},
    )

    # Then the page comes back with the conflict explained, and no price yet
    html = _html(response)
    assert response.status_code == 200
    assert "requires Finish to be one of" in html or "Finish must be one of" in html
    assert "Fix the options marked in red to see your price." in html
    # When the finish is changed to one that can be engraved
    html = _html(
        client.post(
            tumbler.get_absolute_url(),
            {"action": "refresh", "capacity": "750ml", "finish": "brushed", "engraving": "LI"},
        )
    )
    # Then the full price shows: 129 + 20 + 2 letters × 2, plus the 15 set-up fee
    assert 'data-total="168.00"' in html
    assert "2 characters × ¥2.00" in html and "Once per order line" in html
    # and the breakdown ends in a Total row with the same amount
    assert re.search(
        r'class="line-total"><th scope="row">Total</th><td class="amount">¥168.00<', html
    )
    # and mirror polish is disabled with the reason, the chosen values kept
    assert re.search(r'value="mirror" disabled', html)
    assert 'title="Mirror polish cannot be engraved."' in html
    assert re.search(r'value="750ml" checked', html)
    assert ">LI</textarea>" in html


def test_add_to_cart_with_missing_options_marks_them_and_keeps_the_page(client, tumbler):
    response = client.post(tumbler.get_absolute_url(), {"action": "add", "quantity": "1"})
    html = _html(response)
    assert response.status_code == 400
    assert "Please check the highlighted options." in html
    assert "Finish is required." in html


def test_add_to_cart_with_a_valid_design_hands_it_to_the_cart(client, tumbler):
    # When a complete design is added to the cart (the product page's submit button)
    response = client.post(
        tumbler.get_absolute_url(),
        {"action": "add", "capacity": "500ml", "finish": "brushed", "quantity": "2"},
    )

    # Then it is stored and the shopper is sent on: to the cart, or until the cart exists,
    # back to the same design with a message
    assert response.status_code == 302
    assert response.url == "/cart/" or "?design=" in response.url
    follow = client.get(response.url)
    assert 'class="messages"' in _html(follow)
    if "?design=" in response.url:
        assert re.search(r'value="brushed" checked', _html(follow))
        assert 'value="2"' in _html(follow)
