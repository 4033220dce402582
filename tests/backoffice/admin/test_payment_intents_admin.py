"""Operators see every charge and refund as recorded before the provider was called,
read-only, in their language."""

from __future__ import annotations

import pytest
from django.urls import reverse

from orders.models import PaymentIntent
from tests.factories import PlantFactory, demo_product
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db


def test_an_operator_sees_the_payment_intents_and_cannot_change_them(as_operator):
    PlantFactory(code="sz-engrave", city="Shenzhen")
    order = place(fill_cart(demo_product("TUMBLER-ENGRAVED")))
    intent = PaymentIntent.objects.get(order=order)

    listing = as_operator.get(reverse("admin:orders_paymentintent_changelist"))
    assert listing.status_code == 200
    assert order.number in listing.content.decode()
    page = as_operator.get(reverse("admin:orders_paymentintent_change", args=[intent.pk]))
    assert page.status_code == 200 and intent.reference in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    refused = as_operator.post(
        reverse("admin:orders_paymentintent_change", args=[intent.pk]), {"status": "failed"}
    )
    assert refused.status_code == 403
    intent.refresh_from_db()
    assert intent.status == "completed"

    chinese = as_operator.get(
        reverse("admin:orders_paymentintent_changelist"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert "支付意图" in chinese.content.decode()
