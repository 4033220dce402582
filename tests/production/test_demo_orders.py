"""The demo's sample orders are real: their designs use artwork that exists, so the files
listed to plants can be made and downloaded."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from orders.models import Artwork, Order, OrderLine
from tests.factories import demo_product

pytestmark = pytest.mark.django_db


def test_demo_shirts_are_screen_printed_with_a_gift_box_from_artwork_that_exists():
    for sku in ("TEE-PRINT", "TUMBLER-ENGRAVED", "SHIRT-MTM", "TABLE-SOLID"):
        demo_product(sku)

    call_command("place_demo_orders", count=12, seed=7, stdout=io.StringIO())

    shirts = OrderLine.objects.filter(product_sku="TEE-PRINT")
    assert Order.objects.count() == 12 and shirts.exists()
    for shirt in shirts:
        options = shirt.configuration
        assert options["print_method"] == "screen"
        assert set(options["extras"]) == {"gift_box", "neck_label"}
        assert shirt.quantity >= 20
        assert Artwork.objects.filter(public_id=options["artwork_front"]["artwork_id"]).exists()
    # The same logo every time: one artwork, not one per order.
    assert Artwork.objects.count() == 1
