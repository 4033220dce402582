"""Consumer-API ids and tokens that name nothing: 404, never a 500 (found by fuzzing)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from orders.services.api_tokens import customer_token_create
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("token", ["é", "\u2603", "%ED%B3%80"])
def test_a_tracking_token_with_non_ascii_characters_is_a_404(client, tumbler, token):
    order = place(fill_cart(tumbler))

    response = client.get(f"/api/v1/orders/{order.number}/?token={token}")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize(
    "path", ["/api/v1/artworks/%00/", "/api/v1/artworks/art_%00x/preflight/?sku=x&area=y"]
)
def test_an_artwork_id_with_a_nul_character_is_a_404(client, path):
    customer = get_user_model().objects.create_user("li", "li@example.com", "pw-long-enough-1")
    _, token = customer_token_create(customer=customer, name="script")

    response = client.get(path, HTTP_AUTHORIZATION=f"Token {token}")

    assert response.status_code == 404
    assert response.json()["code"] == "artwork_not_found"
