"""Only the shopper who uploaded an artwork can put it in a design they buy."""

import pytest

from orders.models import CartLine
from tests.orders.artwork_web.conftest import png, upload

pytestmark = pytest.mark.django_db


def design_with(art_id: str) -> dict:
    # 1200 x 1600 px over half of the 300 x 400 mm front: 203 DPI, printable with a warning.
    design = {"size": "M", "colour": "#FFFFFF", "artwork_front": art_id, "quantity": 1}
    return design | {"artwork_front.scale": "0.5"}


def test_artwork_too_blurry_for_its_size_is_refused_with_the_reason(client, tee):
    art = upload(client, png()).json()["id"]

    response = client.post(tee.get_absolute_url(), design_with(art) | {"artwork_front.scale": "1"})

    assert response.status_code == 400
    assert "102 DPI at this size is too low to print" in response.content.decode()
    assert not CartLine.objects.exists()


def test_a_shopper_adds_a_tee_with_their_own_artwork_to_the_cart(client, tee):
    art = upload(client, png()).json()["id"]

    response = client.post(tee.get_absolute_url(), design_with(art))

    assert response.status_code == 302 and response.url == "/cart/"
    line = CartLine.objects.get()
    assert line.configuration.values["artwork_front"]["artwork_id"] == art


def test_another_shoppers_artwork_id_cannot_be_bought(client, other_client, tee):
    art = upload(client, png()).json()["id"]

    response = other_client.post(tee.get_absolute_url(), design_with(art))

    assert response.status_code == 400
    assert "This artwork does not exist" in response.content.decode()
    assert not CartLine.objects.exists()
