"""Claims on the order page: the form appears once delivered, filing shows the claim and
its timeline, refusals come back as a message on the page, in English and Chinese."""

from __future__ import annotations

import pytest

from orders.models import Claim
from orders.services.claims import claim_approve_reprint
from tests.orders.claims.conftest import photo, production_hears
from tests.orders.order_page.conftest import page_of, text_of

pytestmark = pytest.mark.django_db


def post(client, order, **fields):
    data = {
        "token": order.tracking_token,
        "line": order.lines.get().pk,
        "reason": "misprint",
        "quantity": "1",
        "description": "Letters are blurred.",
    } | fields
    return client.post(f"/orders/{order.number}/claims/", data, follow=True)


def test_the_form_shows_only_once_the_order_is_delivered(client, tumbler, quiet_broker):
    from tests.orders.conftest import fill_cart, place

    order = place(fill_cart(tumbler))
    assert "Report a problem" not in page_of(client, order)


def test_a_shopper_files_a_claim_with_a_photo_from_the_order_page(client, delivered):
    order = delivered.order
    page = text_of(post(client, order, photos=[photo()]).content.decode())
    claim = Claim.objects.get()
    assert f"Your claim {claim.number} is being reviewed" in page
    assert f"Claim {claim.number}" in page and "Being reviewed" in page
    assert "1 photo sent" in page and "Problem reported" in page
    # Two pieces left to claim of three.
    assert "up to 2 pieces" in page


def test_a_refusal_is_a_message_on_the_page_in_the_shoppers_language(client, delivered):
    order = delivered.order
    response = client.post(
        f"/orders/{order.number}/claims/",
        {
            "token": order.tracking_token,
            "line": order.lines.get().pk,
            "reason": "misprint",
            "quantity": "9",
            "description": "x",
        },
        follow=True,
        headers={"accept-language": "zh-hans"},
    )
    assert response.status_code == 200
    assert "此商品仅剩 3 件可申请售后。" in text_of(response.content.decode())
    assert not Claim.objects.exists()


def test_the_timeline_shows_the_reprint_and_its_progress_in_chinese(
    client, delivered, second_plant
):
    from production.models import WorkOrder
    from production.services.routing import work_orders_route

    order = delivered.order
    post(client, order)
    claim = Claim.objects.get()
    production_hears()
    claim_approve_reprint(claim_id=claim.pk, plant_at_fault=True, actor="admin:op")
    [reprint] = production_hears()
    work_orders_route(work_order_ids=[reprint])
    assert WorkOrder.objects.get(pk=reprint).factory == second_plant
    page = text_of(page_of(client, order, "zh-hans"))
    assert "已批准重印" in page and "重印已分配给工厂" in page


def test_another_shopper_cannot_file_on_an_order_they_cannot_see(client, delivered):
    order = delivered.order
    response = client.post(
        f"/orders/{order.number}/claims/",
        {
            "token": "wrong",
            "line": order.lines.get().pk,
            "reason": "misprint",
            "quantity": "1",
            "description": "x",
        },
    )
    assert response.status_code == 404
    assert not Claim.objects.exists()


def test_the_form_is_checked_for_its_csrf_token_after_the_upload_is_bounded(delivered):
    from django.test import Client

    order = delivered.order
    strict = Client(enforce_csrf_checks=True)
    refused = post(strict, order, photos=[photo()])
    assert refused.status_code == 403
    assert not Claim.objects.exists()


def test_a_body_larger_than_the_upload_limit_is_refused_unread(client, delivered, settings):
    settings.ARTWORK_MAX_BYTES = 10_000
    order = delivered.order
    response = client.post(
        f"/orders/{order.number}/claims/?token={order.tracking_token}",
        {"token": order.tracking_token, "photos": [photo((2000, 2000))]},
        follow=True,
    )
    assert response.status_code == 200
    assert "larger than" in text_of(response.content.decode())
    assert not Claim.objects.exists()
