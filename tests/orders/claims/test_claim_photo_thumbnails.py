"""Customers see their claim photos as thumbnails, on the order page and in the consumer
API, behind short-lived links signed for them: a forged or expired link, another customer
or a signed-out visitor gets a 404, never the picture."""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time
from PIL import Image

from orders.services.api_tokens import customer_token_create
from orders.services.claims import claim_file
from tests.orders.claims.conftest import delivered_order, photo

pytestmark = pytest.mark.django_db


def _claim(order):
    return claim_file(
        order_id=order.pk,
        line_id=order.lines.get().pk,
        reason="damaged",
        quantity=1,
        description="The lid is cracked.",
        photos=[photo((1600, 1200)), photo((600, 900), "side.jpg")],
        actor="customer:mei",
    )


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _thumbnails(page: str) -> list[str]:
    section = page[page.index('id="claims"') :]
    return re.findall(r'<img src="(/claim-photos/[^"]+)"', section)


def _picture(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    return Image.open(io.BytesIO(response.content))


@pytest.fixture
def mei_claim(tumbler, quiet_broker, mei):
    order = delivered_order(tumbler, customer_id=mei.pk).order
    return order, _claim(order)


def test_the_customer_sees_her_photos_as_thumbnails_on_the_order_page(mei_claim, mei, bo):
    order, _claim_filed = mei_claim
    as_mei = _signed_in(mei)
    page = as_mei.get(order.get_absolute_url()).content.decode()
    links = _thumbnails(page)
    assert len(links) == 2 and "2 photos sent" in page
    # Downscaled to fit 240 px, keeping the shape of what she sent.
    assert _picture(as_mei.get(links[0])).size == (240, 180)
    assert _picture(as_mei.get(links[1])).size == (160, 240)
    # Nobody else gets it with her link: not another customer, not a signed-out visitor.
    assert _signed_in(bo).get(links[0]).status_code == 404
    assert Client().get(links[0]).status_code == 404


def test_a_forged_or_expired_link_is_refused(mei_claim, mei):
    order, _claim_filed = mei_claim
    as_mei = _signed_in(mei)
    [link, _] = _thumbnails(as_mei.get(order.get_absolute_url()).content.decode())
    token = link.split("/")[2]
    forged = link.replace(token, token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"))
    assert as_mei.get(forged).status_code == 404
    assert as_mei.get("/claim-photos/not-a-token/").status_code == 404
    # Still good a little later, gone once the link has lived its half hour.
    with freeze_time(timezone.now() + timedelta(minutes=29)):
        assert as_mei.get(link).status_code == 200
    with freeze_time(timezone.now() + timedelta(minutes=31)):
        assert as_mei.get(link).status_code == 404


def test_the_consumer_api_gives_thumbnail_links_signed_for_its_caller(mei_claim, mei, bo):
    order, claim = mei_claim
    _, mei_key = customer_token_create(customer=mei, name="script")
    _, bo_key = customer_token_create(customer=bo, name="script")
    as_mei = Client(headers={"authorization": f"Token {mei_key}"})
    as_bo = Client(headers={"authorization": f"Token {bo_key}"})
    detail = as_mei.get(f"/api/v1/orders/{order.number}/claims/{claim.number}/").json()
    assert detail["photo_count"] == 2
    photos = detail["photos"]
    assert [p["id"] for p in photos] == [p.public_id for p in claim.photos.all()]
    assert (photos[0]["width"], photos[0]["height"]) == (240, 180)
    url = photos[0]["thumbnail_url"]
    assert url.startswith("http://testserver/claim-photos/")
    assert _picture(as_mei.get(url)).size == (240, 180)
    # Bo can neither read Mei's claim nor open her link with his token.
    assert as_bo.get(f"/api/v1/orders/{order.number}/claims/{claim.number}/").status_code == 404
    assert as_bo.get(url).status_code == 404
    assert Client().get(url).status_code == 404


def test_a_guest_sees_the_thumbnails_with_the_tracking_token(client, delivered):
    order = delivered.order
    _claim(order)
    page = client.get(order.get_absolute_url(), {"token": order.tracking_token})
    [first, _] = _thumbnails(page.content.decode())
    assert _picture(Client().get(first)).size == (240, 180)
