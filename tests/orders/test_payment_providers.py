"""Payment providers are enabled per environment (settings.PAYMENT_PROVIDERS); checkout
offers and accepts only those, and the sandbox card gateway only under demo settings."""

from __future__ import annotations

import re

import pytest

from c2m.errors import ApplicationError
from orders.models import Order, Payment
from orders.services.payments.sandbox import APPROVE
from tests.orders.conftest import fill_cart, place
from tests.orders.test_pages import add_to_cart, checkout_form

pytestmark = pytest.mark.django_db


def offered(client) -> list[str]:
    page = client.get("/checkout/").content.decode()
    return re.findall(r'name="payment_provider" value="([^"]+)"', page)


def test_the_demo_offers_the_sandbox_card_and_the_invoice(client, tumbler):
    add_to_cart(client, tumbler)
    assert offered(client) == ["test", "invoice"]
    assert 'name="card_number"' in client.get("/checkout/").content.decode()


def test_checkout_offers_only_the_providers_enabled_here(client, tumbler, settings):
    settings.PAYMENT_PROVIDERS = ["invoice"]
    add_to_cart(client, tumbler)
    assert offered(client) == ["invoice"]
    assert 'name="card_number"' not in client.get("/checkout/").content.decode()
    placed = client.post("/checkout/", checkout_form(client, payment_provider="invoice"))
    assert placed.status_code == 302
    assert Order.objects.get().status == "pending_payment"


def test_a_disabled_provider_posted_to_the_form_is_a_field_error(client, tumbler, settings):
    settings.PAYMENT_PROVIDERS = ["invoice"]
    add_to_cart(client, tumbler)
    response = client.post(
        "/checkout/", checkout_form(client, payment_provider="test", card_number=APPROVE)
    )
    assert response.status_code == 200
    assert b"Select a valid choice. test is not one of the available choices." in (response.content)
    assert not Order.objects.exists()


def test_the_sandbox_is_never_offered_outside_demo_settings(client, tumbler, settings):
    settings.DEMO_MODE = False  # production, even if PAYMENT_PROVIDERS names it
    settings.PAYMENT_PROVIDERS = ["test", "invoice"]
    add_to_cart(client, tumbler)
    assert offered(client) == ["invoice"]


@pytest.mark.parametrize(
    ("overrides", "provider"),
    [
        ({"PAYMENT_PROVIDERS": ["invoice"]}, "test"),
        ({"DEMO_MODE": False}, "test"),
        ({}, "paypal"),
    ],
)
def test_checkout_refuses_a_provider_not_enabled_here(tumbler, settings, overrides, provider):
    for name, value in overrides.items():
        setattr(settings, name, value)
    cart = fill_cart(tumbler)
    with pytest.raises(ApplicationError) as refused:
        place(cart, payment_provider=provider)
    assert refused.value.status == 400
    assert refused.value.code == "invalid_payment_provider"
    assert "payment_provider" in refused.value.errors
    assert not Order.objects.exists()


def test_payment_references_are_random_not_derived_from_the_idempotency_key(tumbler):
    references = set()
    for provider, data in (("invoice", {}), ("test", {"card_number": APPROVE})):
        for _ in range(2):
            order = place(fill_cart(tumbler), payment_provider=provider, payment_data=data)
            references.add(Payment.objects.get(order=order).reference)
    assert len(references) == 4
    assert all(re.fullmatch(r"INV-[0-9A-F]{16}|tst_[0-9a-f]{24}", ref) for ref in references)


def test_a_replayed_checkout_returns_the_same_order_and_payment(tumbler):
    cart = fill_cart(tumbler)
    first = place(cart, idempotency_key="replay-key-1", payment_provider="invoice")
    again = place(cart, idempotency_key="replay-key-1", payment_provider="invoice")
    assert again.pk == first.pk
    assert Payment.objects.filter(order=first).count() == 1
