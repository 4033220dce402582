"""Operators set up business accounts in the admin (terms, discount, a key shown once)
and see every merchant order, live or sandbox, beside its platform order."""

from __future__ import annotations

import pytest

from merchants.models import BusinessAccount, MerchantApiKey
from merchants.services.accounts import business_account_create, merchant_key_create
from tests.backoffice.admin.form_data import form_data
from tests.factories import PlantFactory, demo_product

pytestmark = pytest.mark.django_db


def test_an_operator_creates_an_account_and_a_key_the_merchant_can_use_once_shown(
    as_operator, client
):
    page = as_operator.get("/admin/merchants/businessaccount/add/")
    data = form_data(page.content.decode()) | {
        "name": "Acme Trading",
        "contact_email": "buyer@acme.example",
        "payment_terms": "invoice",
        "discount_percent": "12.5",
        "credit_limit": "50000",
        "net_days": "30",
    }
    saved = as_operator.post("/admin/merchants/businessaccount/add/", data)
    assert saved.status_code == 302, saved.content.decode()[:2000]
    account = BusinessAccount.objects.get(name="Acme Trading")
    assert account.public_id.startswith("biz_") and account.artwork_token

    created = as_operator.post(
        f"/admin/merchants/merchantapikey/add/?account={account.pk}",
        {"account": account.pk, "name": "Shopify", "sandbox": "on"},
    )

    html = created.content.decode()
    key = html.split('id="plain-key">')[1].split("<")[0]
    assert key.startswith("c2mm_test_") and "no-store" in created["Cache-Control"]
    assert key not in str(list(MerchantApiKey.objects.values()))
    catalog = client.get("/api/merchant/v1/products/", HTTP_AUTHORIZATION=f"Bearer {key}")
    assert catalog.status_code == 200


def test_merchant_orders_are_listed_for_operators_and_hidden_from_plain_staff(
    as_operator, plain_staff
):
    from django.test import Client

    PlantFactory(code="sz", city="Shenzhen")
    demo_product("TUMBLER-ENGRAVED")
    account = business_account_create(name="Initech", contact_email="b@initech.example")
    _, key = merchant_key_create(account=account, name="t", sandbox=True)
    response = Client().post(
        "/api/merchant/v1/orders/",
        {
            "reference": "INI-42",
            "lines": [{"sku": "TUMBLER-ENGRAVED", "quantity": 1, "options": {"finish": "brushed"}}],
            "ship_to": {
                "name": "Li",
                "line1": "1 Rd",
                "city": "Shanghai",
                "region": "Shanghai",
                "postal_code": "200120",
                "country": "CN",
            },
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
        HTTP_IDEMPOTENCY_KEY="k",
    )
    assert response.status_code == 201, response.content

    listing = as_operator.get("/admin/merchants/merchantorder/").content.decode()
    assert "INI-42" in listing and "Initech" in listing
    staff = Client()
    staff.force_login(plain_staff)
    assert staff.get("/admin/merchants/merchantorder/").status_code in (302, 403, 404)
