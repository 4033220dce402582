"""The htmx update endpoint: partials with price, allowed values, errors, visibility."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from orders.services.configurations import product_definition

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def update(client, product, data: dict) -> str:
    response = client.post(reverse("orders:product_configure", args=[product.sku]), data, **HTMX)
    assert response.status_code == 200
    return response.content.decode()


def _total(html: str) -> str:
    return re.search(r'data-total="([^"]+)"', html).group(1)


def test_changing_an_option_changes_the_price_with_each_line_and_its_reason(client, tumbler):
    before = update(client, tumbler, {"capacity": "500ml", "finish": "brushed", "quantity": "1"})
    after = update(client, tumbler, {"capacity": "750ml", "finish": "brushed", "quantity": "1"})

    assert _total(before) == "129.00"
    assert _total(after) == "149.00"
    assert "Capacity: 750 ml" in after and "Option surcharge" in after
    # the price panel is the main swap; the rest comes out of band
    assert after.lstrip().startswith('<section class="price-panel" id="price-panel"')
    assert 'id="controls-finish" hx-swap-oob="true"' in after
    assert 'id="state-capacity" aria-live="polite" hx-swap-oob="true"' in after
    assert 'id="preview-slot" hx-swap-oob="true"' in after


def test_a_disallowed_value_comes_back_disabled_with_its_reason(client, tumbler):
    html = update(client, tumbler, {"finish": "brushed", "engraving": "LIWEI"})
    assert re.search(r'value="mirror" disabled aria-describedby="reason-finish-4"', html)
    assert 'title="Mirror polish cannot be engraved."' in html
    # and said beside the choices, not only on hover
    reason = re.search(r'<p class="choice-reason" id="reason-finish-4">(.*?)</p>', html).group(1)
    assert reason == "Mirror polish cannot be engraved."
    assert re.search(r'value="matte_black">', html)  # still allowed


def test_out_of_range_number_gets_an_error_with_the_tighter_bound_and_its_reason(client, table):
    html = update(client, table, {"width": "200", "depth": "90", "wood": "oak", "top": "glass"})
    assert "Width must be between 40 and 180 cm." in html
    assert "From 40 to 180 cm, in steps of 1." in html
    assert "Tempered glass tops are made up to 180 cm." in html
    assert "data-total" not in html

    html = update(client, table, {"width": "180", "depth": "90", "wood": "oak", "top": "glass"})
    # 800 base + 300 glass + 1.62 m² × 1800 oak = 4016 per table, + 200 delivery
    assert _total(html) == "4216.00"
    assert "1.62 m² × ¥1,800.00/m²" in html


def test_dependent_option_is_hidden_and_shown_by_its_condition(client, shirt):
    measures = {"chest": "100", "waist": "88", "sleeve": "64", "length": "76", "fabric": "poplin"}
    hidden = update(client, shirt, measures | {"add_monogram": "no"})
    shown = update(client, shirt, measures | {"add_monogram": "yes", "monogram": "JZ"})

    assert re.search(r'id="visible-monogram" data-hidden hx-swap-oob="true"', hidden)
    assert re.search(r'id="visible-monogram" hx-swap-oob="true"', shown)
    # 399 base + 2 letters × 8 embroidery
    assert _total(shown) == "415.00"


def test_missing_required_options_are_listed_instead_of_a_price(client, tee):
    html = update(client, tee, {"size": "M"})
    assert "To see your price, choose:" in html and "Front artwork" in html
    assert "From" in html and "¥59.00" in html


def test_quantity_errors_are_swapped_next_to_the_quantity(client, tee):
    html = update(client, tee, {"size": "M", "quantity": "-3"})
    assert re.search(r'id="state-quantity"[^>]*hx-swap-oob="true"><ul class="field-error">', html)
    assert "Order at least 1 piece." in html


def test_the_update_endpoint_answers_in_one_query(client, tumbler, django_assert_num_queries):
    product_definition(tumbler)  # compiled once per definition version, then cached
    data = {"capacity": "750ml", "finish": "brushed", "engraving": "LI", "quantity": "3"}
    update(client, tumbler, data)  # the lead time is cached too (the cache starts empty)
    with django_assert_num_queries(1):
        update(client, tumbler, data)


def test_the_update_endpoint_refuses_get(client, tumbler):
    response = client.get(reverse("orders:product_configure", args=[tumbler.sku]))
    assert response.status_code == 405
