"""Checkout shows the grand total before the shopper pays, and charges exactly that."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from orders.models import Order, Payment
from orders.services.checkout import cart_quote
from orders.services.shipping import SHIPPING_METHODS
from orders.services.totals import checkout_total
from orders.templatetags.storefront import money
from tests.orders.conftest import ADDRESS, fill_cart
from tests.orders.test_pages import add_to_cart, checkout_form

pytestmark = pytest.mark.django_db

BERLIN = {"country": "DE", "city": "Berlin", "postal_code": "10115", "region": ""}


def shown_total(html: str) -> tuple[Decimal, str]:
    """The total the page shows: its amount and its text."""
    found = re.search(r'class="amount" data-total="([^"]+)">([^<]+)<', html)
    assert found, "no total on the page"
    return Decimal(found.group(1)), found.group(2)


def shown_row(html: str, row: str) -> str:
    found = re.search(
        rf'<tr class="{row}"><th scope="row">([^<]+)</th><td class="amount">([^<]+)<', html
    )
    assert found, f"no {row} row"
    return f"{found.group(1)} {found.group(2)}"


@pytest.mark.parametrize("method", ["standard", "express"])
@pytest.mark.parametrize("address", [ADDRESS, ADDRESS | BERLIN], ids=["shanghai", "berlin"])
def test_the_total_on_the_page_is_what_the_order_charges(client, tumbler, method, address):
    # Given two engraved tumblers in the cart: (129 + 15 + 5 × 2) × 2 + 15 set-up = 323.00
    add_to_cart(client, tumbler)

    # When the shopper picks the method for the address they typed
    query = {k: address[k] for k in ("country", "city", "region", "postal_code")}
    html = client.get("/checkout/delivery/", query | {"shipping_method": method}).content.decode()
    amount, text = shown_total(html)
    # And places the order with that method and address
    response = client.post("/checkout/", checkout_form(client, **address, shipping_method=method))

    # Then the page showed the lines plus that method's price to that country, and the
    # card was charged exactly the amount shown
    assert response.status_code == 302
    price = SHIPPING_METHODS[method].price(address["country"])
    assert amount == Decimal("323.00") + price
    payment = Payment.objects.get(order=Order.objects.get())
    assert (payment.amount, payment.captured_amount) == (amount, amount)
    assert text == money(payment.amount, "CNY")
    assert shown_row(html, "shipping").endswith(money(price, "CNY"))


def test_changing_the_shipping_method_changes_the_total(client, tumbler):
    add_to_cart(client, tumbler)
    query = {"country": "CN", "city": "Shanghai", "region": "", "postal_code": "200120"}
    standard = client.get("/checkout/delivery/", query | {"shipping_method": "standard"})
    express = client.get("/checkout/delivery/", query | {"shipping_method": "express"})
    assert shown_total(standard.content.decode())[1] == "¥335.00"  # 323.00 + 12.00
    assert shown_total(express.content.decode())[1] == "¥353.00"  # 323.00 + 30.00
    assert shown_row(express.content.decode(), "shipping") == "Shipping (Express) ¥30.00"


def test_the_checkout_page_shows_the_total_for_the_default_method_before_any_address(
    client, tumbler
):
    add_to_cart(client, tumbler)
    html = client.get("/checkout/").content.decode()
    assert shown_total(html) == (Decimal("335.00"), "¥335.00")
    assert shown_row(html, "items") == "Items ¥323.00"


def test_vat_included_in_prices_is_stated_and_not_added(client, tumbler, settings):
    settings.SHOP_VAT_RATE = Decimal("13")
    add_to_cart(client, tumbler)
    html = client.get("/checkout/").content.decode()
    # 335.00 × 13 / 113 = 38.54 of the 335.00 is VAT
    assert shown_total(html)[1] == "¥335.00"
    assert shown_row(html, "vat") == "Includes VAT (13%) ¥38.54"


def test_a_shop_without_a_vat_rate_shows_no_tax_line(client, tumbler, settings):
    settings.SHOP_VAT_RATE = Decimal("0")
    add_to_cart(client, tumbler)
    html = client.get("/checkout/").content.decode()
    assert 'class="vat"' not in html and "VAT" not in html


def test_import_duties_are_named_for_a_destination_abroad_only(client, tumbler):
    add_to_cart(client, tumbler)
    home = client.get("/checkout/delivery/", {"country": "CN", "city": "Shanghai"})
    abroad = client.get("/checkout/delivery/", BERLIN)
    assert b"Import duties" not in home.content
    assert b"Import duties and taxes of the destination country" in abroad.content


def test_the_total_is_shown_in_chinese_with_grouped_digits(client, tumbler):
    # Given a cart worth more than a thousand yuan: ten tumblers
    add_to_cart(client, tumbler, quantity=10)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/checkout/"})
    html = client.get("/checkout/").content.decode()
    # (129 + 15 + 10) × 10 + 15 = 1,555.00 (no quantity discount on the tumbler), + 12.00
    amount, text = shown_total(html)
    assert text == "¥1,567.00" and amount == Decimal("1567.00")
    assert "应付总额" in html


def test_checkout_total_adds_shipping_to_the_lines(tumbler, settings):
    settings.SHOP_VAT_RATE = Decimal("0")
    quote = cart_quote(cart=fill_cart(tumbler, lines=2, quantity=2))
    total = checkout_total(
        subtotal=quote.subtotal,
        currency=quote.currency,
        method=SHIPPING_METHODS["express"],
        country="de",
    )
    assert (total.subtotal, total.shipping, total.total) == (
        Decimal("546.00"),
        Decimal("189.00"),
        Decimal("735.00"),
    )
    assert total.vat_included is None and total.duties_abroad
    with translation.override("zh-hans"):
        assert money(-total.total, total.currency) == "\u2212¥735.00"
