"""Catalog and quotes: what a merchant's shop reads and what it is told things cost."""

from __future__ import annotations

import pytest
from django.utils import timezone

from merchants.services.accounts import contract_price_set
from tests.merchants.conftest import BRUSHED, quote_body

pytestmark = pytest.mark.django_db


def test_the_catalog_gives_options_values_print_areas_and_rules_in_both_languages(acme):
    response = acme.get("/products/")

    assert response.status_code == 200
    [tumbler] = [p for p in response.json()["results"] if p["sku"] == "TUMBLER-ENGRAVED"]
    assert tumbler["name"]["en"] and tumbler["name"]["zh-hans"] != tumbler["name"]["en"]
    finish = next(o for o in tumbler["options"] if o["code"] == "finish")
    assert {v["code"] for v in finish["values"]} >= {"brushed", "matte_black"}
    assert all(set(v["label"]) == {"en", "zh-hans"} for v in finish["values"])
    assert tumbler["print_areas"] and tumbler["print_areas"][0]["width_mm"] > 0
    assert tumbler["price_list"] == {"kind": "discount", "percent": "10.00"}
    detail = acme.get("/products/TUMBLER-ENGRAVED/").json()
    assert detail == tumbler
    assert acme.get("/products/NO-SUCH/").json()["code"] == "product_not_found"


def test_a_quote_prices_with_the_account_discount_and_dates_every_method(acme):
    response = acme.post("/quotes/", quote_body())

    assert response.status_code == 201, response.content
    quote = response.json()
    [line] = quote["lines"]
    # 129.00 list, 10 % off: 116.10 a piece, two pieces.
    assert line["unit_price"] == "116.10" and line["total"] == "232.20"
    assert line["breakdown"][-1] == {
        "code": "account_discount",
        "kind": "discount",
        "label": {"en": "Account discount 10%", "zh-hans": "企业折扣 10%"},
        "amount": "-12.90",
        "per_unit": True,
    }
    methods = {m["code"]: m for m in quote["shipping_methods"]}
    assert methods["standard"]["price"] == "12.00"
    assert methods["standard"]["promised_date"] and methods["express"]["promised_date"]
    assert methods["express"]["promised_date"] <= methods["standard"]["promised_date"]
    assert quote["total"] == "244.20"
    assert quote["valid_until"] > timezone.now().isoformat()


def test_a_contract_price_replaces_the_list_price_whatever_the_options(acme, tumbler):
    contract_price_set(account=acme.account, product=tumbler, unit_price=99)

    quote = acme.post(
        "/quotes/", quote_body({**BRUSHED, "options": {"finish": "matte_black"}})
    ).json()

    assert quote["lines"][0]["unit_price"] == "99.00"
    assert quote["lines"][0]["breakdown"][-1]["code"] == "contract_price"


def test_each_bad_line_and_option_is_named_in_one_structured_answer(acme):
    response = acme.post(
        "/quotes/",
        quote_body(
            BRUSHED,
            {"sku": "NO-SUCH-THING", "options": {}, "quantity": 1},
            {**BRUSHED, "options": {"finish": "gold-plated"}},
        ),
    )

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_lines"
    assert set(body["errors"]) == {"lines[1].sku", "lines[2].options.finish"}


def test_an_address_we_cannot_ship_to_is_a_400_naming_the_field(acme):
    body = quote_body()
    body["ship_to"] = {**body["ship_to"], "country": "ZZ"}

    response = acme.post("/quotes/", body)

    assert response.status_code == 400 and "country" in response.json()["errors"]


def test_a_request_without_a_key_or_with_a_revoked_one_is_refused(acme, client):
    from merchants.services.accounts import merchant_key_revoke

    assert client.get("/api/merchant/v1/products/").status_code == 401
    key = acme.account.keys.get()
    merchant_key_revoke(account=acme.account, key_id=key.pk)
    assert acme.get("/products/").status_code == 401
