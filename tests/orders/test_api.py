"""The consumer API: own orders by session or token, one order by its tracking token."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from orders.services.api_tokens import customer_token_create, customer_token_revoke
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def mei(db):
    return get_user_model().objects.create_user("mei", "mei@example.com", "pw-long-enough-1")


@pytest.fixture
def bo(db):
    return get_user_model().objects.create_user("bo", "bo@example.com", "pw-long-enough-2")


def _order_for(user, tumbler):
    return place(fill_cart(tumbler, customer_id=user.pk))


def test_listing_needs_a_session_or_token(client):
    response = client.get("/api/v1/orders/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_customer_lists_only_their_own_orders_by_session(client, tumbler, mei, bo):
    mine = _order_for(mei, tumbler)
    _order_for(bo, tumbler)
    client.force_login(mei)
    body = client.get("/api/v1/orders/").json()
    assert [row["number"] for row in body["results"]] == [mine.number]


def test_a_customer_token_reads_own_orders_and_nothing_else(client, tumbler, mei, bo):
    mine, theirs = _order_for(mei, tumbler), _order_for(bo, tumbler)
    _, key = customer_token_create(customer=mei, name="script")
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}

    listed = client.get("/api/v1/orders/", **auth).json()["results"]
    detail = client.get(f"/api/v1/orders/{mine.number}/", **auth)
    other = client.get(f"/api/v1/orders/{theirs.number}/", **auth)

    assert [row["number"] for row in listed] == [mine.number]
    assert detail.status_code == 200 and detail.json()["status"] == "placed"
    assert other.status_code == 404 and other.json()["code"] == "not_found"


def test_a_revoked_or_made_up_token_is_refused(client, mei):
    token, key = customer_token_create(customer=mei, name="script")
    customer_token_revoke(customer=mei, token_id=token.pk)
    for header in (f"Token {key}", "Token c2mc_made-up", "Token"):
        response = client.get("/api/v1/orders/", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert response.json()["code"] == "authentication_failed"


def test_a_guest_reads_one_order_with_its_tracking_token_only(client, tumbler, mei):
    guest_order = place(fill_cart(tumbler))
    someone_elses = _order_for(mei, tumbler)
    url = f"/api/v1/orders/{guest_order.number}/"

    ok = client.get(url, {"token": guest_order.tracking_token})
    by_header = client.get(url, HTTP_X_TRACKING_TOKEN=guest_order.tracking_token)
    wrong = client.get(url, {"token": someone_elses.tracking_token})
    cross = client.get(
        f"/api/v1/orders/{someone_elses.number}/", {"token": guest_order.tracking_token}
    )
    unknown = client.get("/api/v1/orders/C2M-XXXX-XXXX/", {"token": guest_order.tracking_token})

    assert ok.status_code == by_header.status_code == 200
    assert wrong.status_code == cross.status_code == unknown.status_code == 404
    body = ok.json()
    assert body["lines"][0]["configuration_summary"] == [
        ["Capacity", "500 ml"],
        ["Finish", "Brushed steel"],
    ]
    assert [entry["label"] for entry in body["timeline"]] == ["Order placed", "Payment received"]
    assert body["shipping_method"] == "standard" and body["total"] == "270.00"  # 129.00 × 2 + 12.00


def test_the_order_list_runs_a_fixed_number_of_queries(
    client, tumbler, mei, django_assert_max_num_queries
):
    for _ in range(5):
        _order_for(mei, tumbler)
    _, key = customer_token_create(customer=mei, name="script")
    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/orders/", HTTP_AUTHORIZATION=f"Token {key}")
    assert len(response.json()["results"]) == 5


def test_the_order_detail_runs_a_fixed_number_of_queries(
    client, tumbler, django_assert_max_num_queries
):
    order = place(fill_cart(tumbler, lines=3))
    # A fixed number, whatever the number of lines (their products and warranties are read
    # once for all of them).
    with django_assert_max_num_queries(6):
        response = client.get(f"/api/v1/orders/{order.number}/", {"token": order.tracking_token})
    assert len(response.json()["lines"]) == 3


def test_clients_cannot_write_orders(client, tumbler):
    order = place(fill_cart(tumbler))
    url = f"/api/v1/orders/{order.number}/"
    for method in ("post", "put", "patch", "delete"):
        response = getattr(client, method)(
            f"{url}?token={order.tracking_token}",
            {"status": "delivered", "total": "0"},
            content_type="application/json",
        )
        assert response.status_code == 405, method
    order.refresh_from_db()
    assert order.status == "placed"


@pytest.mark.parametrize("number", ["C2M-%00-XX", "x" * 300, "c2m-abcd-efgh", "%E2%80%AE"])
def test_odd_order_numbers_are_a_json_404(client, number):
    response = client.get(f"/api/v1/orders/{number}/", {"token": "t"})
    assert response.status_code == 404 and response.json()["code"] == "not_found"
