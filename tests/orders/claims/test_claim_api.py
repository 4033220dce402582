"""Claims through the consumer API: filing (JSON and multipart with photos), reading,
answering; isolation between customers; structured 4xx for bad input."""

from __future__ import annotations

import pytest
from django.test import Client

from orders.models import Claim
from orders.services.api_tokens import customer_token_create
from tests.orders.claims.conftest import delivered_order, photo

pytestmark = pytest.mark.django_db


def url(order) -> str:
    return f"/api/v1/orders/{order.number}/claims/"


def body(order, **overrides):
    return {
        "line_id": order.lines.get().pk,
        "reason": "damaged",
        "quantity": 1,
        "description": "The lid is cracked.",
    } | overrides


def test_a_guest_files_a_claim_as_json_with_the_tracking_token(client, delivered):
    order = delivered.order
    response = client.post(
        f"{url(order)}?token={order.tracking_token}", body(order), content_type="application/json"
    )
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["number"].startswith("CLM-") and data["status"] == "open"
    assert data["status_label"] == "Being reviewed"
    assert [row["code"] for row in data["timeline"]] == ["filed"]
    listed = client.get(url(order), {"token": order.tracking_token}).json()["results"]
    assert [c["number"] for c in listed] == [data["number"]]


def test_multipart_with_photos_stores_them(client, delivered):
    order = delivered.order
    response = client.post(
        f"{url(order)}?token={order.tracking_token}",
        body(order) | {"photos": [photo(), photo((640, 480), "b.jpg")]},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["photo_count"] == 2


@pytest.mark.parametrize(
    ("overrides", "field", "status", "code"),
    [
        ({"reason": "meh"}, "reason", 400, "invalid"),
        ({"quantity": 4}, "quantity", 400, "quantity_exceeds"),
        ({"quantity": "1e9"}, "quantity", 400, "invalid"),
        ({"quantity": True}, "quantity", 400, "invalid"),
        ({"description": ["x"]}, "description", 400, "invalid"),
        ({"line_id": 999999}, "line", 400, "invalid"),
    ],
)
def test_bad_input_gets_a_structured_400(client, delivered, overrides, field, status, code):
    order = delivered.order
    response = client.post(
        f"{url(order)}?token={order.tracking_token}",
        body(order, **overrides),
        content_type="application/json",
    )
    assert response.status_code == status
    data = response.json()
    assert data["code"] == code and field in data["errors"] and data["detail"]


def test_a_broken_photo_is_a_structured_400(client, delivered):
    from django.core.files.uploadedfile import SimpleUploadedFile

    order = delivered.order
    bad = SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg")
    response = client.post(
        f"{url(order)}?token={order.tracking_token}", body(order) | {"photos": [bad]}
    )
    assert response.status_code == 400
    assert "file" in response.json()["errors"]
    assert not Claim.objects.exists()


def test_an_order_not_yet_delivered_is_a_409(client, tumbler, quiet_broker):
    from tests.orders.conftest import fill_cart, place

    order = place(fill_cart(tumbler))
    response = client.post(
        f"{url(order)}?token={order.tracking_token}", body(order), content_type="application/json"
    )
    assert response.status_code == 409 and response.json()["code"] == "not_delivered"


def test_a_customer_sees_only_their_own_claims(tumbler, quiet_broker, mei, bo):
    mine = delivered_order(tumbler, customer_id=mei.pk).order
    theirs = delivered_order(tumbler, customer_id=bo.pk).order
    _, mei_key = customer_token_create(customer=mei, name="script")
    _, bo_key = customer_token_create(customer=bo, name="script")
    as_mei = Client(headers={"authorization": f"Token {mei_key}"})
    as_bo = Client(headers={"authorization": f"Token {bo_key}"})
    filed = as_bo.post(url(theirs), body(theirs), content_type="application/json")
    assert filed.status_code == 201, filed.json()
    number = filed.json()["number"]
    # Mei cannot list, read, answer or file on Bo's order, by number or by claim number.
    assert as_mei.get(url(theirs)).status_code == 404
    assert as_mei.get(f"{url(theirs)}{number}/").status_code == 404
    answer = as_mei.post(
        f"{url(theirs)}{number}/", {"message": "hi"}, content_type="application/json"
    )
    assert answer.status_code == 404
    assert (
        as_mei.post(url(theirs), body(theirs), content_type="application/json").status_code == 404
    )
    # Nor through her own order with Bo's claim number.
    assert as_mei.get(f"{url(mine)}{number}/").status_code == 404
    assert as_mei.get(url(mine)).json()["results"] == []
    assert as_bo.get(f"{url(theirs)}{number}/").json()["number"] == number
    # A guest with a made-up token sees nothing either.
    assert Client().get(url(theirs), {"token": "nope"}).status_code == 404


def test_the_customer_answers_a_question_through_the_api(client, delivered):
    from orders.services.claims import claim_request_info

    order = delivered.order
    token = f"?token={order.tracking_token}"
    number = client.post(
        f"{url(order)}{token}", body(order), content_type="application/json"
    ).json()["number"]
    claim_request_info(claim_id=Claim.objects.get(number=number).pk, message="A photo?", actor="op")
    shown = client.get(f"{url(order)}{number}/{token}").json()
    assert shown["status"] == "info_requested" and shown["timeline"][-1]["message"] == "A photo?"
    answered = client.post(f"{url(order)}{number}/{token}", {"photos": [photo()]})
    assert answered.status_code == 200, answered.json()
    assert answered.json()["status"] == "open" and answered.json()["photo_count"] == 1
    empty = client.post(f"{url(order)}{number}/{token}", {}, content_type="application/json")
    assert empty.status_code == 400 and "message" in empty.json()["errors"]


def test_the_claim_list_runs_a_fixed_number_of_queries(
    client, delivered, django_assert_max_num_queries
):
    order = delivered.order
    for _ in range(3):
        client.post(
            f"{url(order)}?token={order.tracking_token}",
            body(order),
            content_type="application/json",
        )
    with django_assert_max_num_queries(12):
        response = client.get(url(order), {"token": order.tracking_token})
    assert len(response.json()["results"]) == 3


def test_a_photo_over_the_size_limit_is_a_413_and_no_claim(client, delivered, settings):
    settings.ARTWORK_MAX_BYTES = 10_000
    order = delivered.order
    response = client.post(
        f"{url(order)}?token={order.tracking_token}",
        body(order) | {"photos": [photo((2000, 2000))]},
    )
    assert response.status_code == 413 and response.json()["code"] == "file_too_large"
    assert not Claim.objects.exists()
