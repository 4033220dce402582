"""The storefront pages: product → cart → checkout → order, and nobody else's data."""

from __future__ import annotations

import copy
import re

import pytest
from django.contrib.auth import get_user_model

from orders.models import CartLine, Order
from orders.services.catalog import product_upsert
from orders.services.payments.sandbox import APPROVE, DECLINE
from tests.orders.conftest import ADDRESS

pytestmark = pytest.mark.django_db


def add_to_cart(client, product, finish="matte_black", engraving="Li Wei", quantity=2, **extra):
    """Add a 500 ml tumbler from its product page; by default a matte black one engraved
    "Li Wei": (129.00 + 15.00 finish + 5 characters × 2.00 = 154.00) × 2 + 15.00 set-up
    = 323.00 (the space is not charged)."""
    fields = {"finish": finish, "quantity": quantity, **extra}
    if engraving:
        fields |= {"engraving": engraving, "engraving.font": "serif"}
    return client.post(product.get_absolute_url(), fields)


def checkout_form(client, **overrides):
    page = client.get("/checkout/")
    key = re.search(rb'name="idempotency_key" value="([^"]+)"', page.content).group(1).decode()
    return {
        "idempotency_key": key,
        "email": "li.wei@example.com",
        **ADDRESS,
        "shipping_method": "standard",
        "payment_provider": "test",
        "card_number": APPROVE,
        **overrides,
    }


def test_product_to_cart_to_checkout_to_order_page(client, tumbler):
    added = add_to_cart(client, tumbler)
    assert added.status_code == 302 and added.url == "/cart/"
    cart_page = client.get("/cart/")
    assert "<li>Finish: Matte black</li><li>Engraving text: “Li Wei”".encode() in cart_page.content
    assert "¥323.00" in cart_page.content.decode()

    # The client sends prices of its own: they are ignored
    placed = client.post("/checkout/", checkout_form(client, total="0.01", unit_price="0"))

    order = Order.objects.get()
    assert placed.status_code == 302 and placed.url == order.get_absolute_url()
    assert order.total == (129 + 15 + 5 * 2) * 2 + 15 + 12  # 335: set-up once, + shipping
    page = client.get(order.get_absolute_url())
    assert b'data-status="placed"' in page.content
    assert b"Order placed" in page.content and b"Payment received" in page.content
    assert b'id="cancel-order"' in page.content


def test_a_double_submit_of_the_checkout_form_makes_one_order(client, tumbler):
    add_to_cart(client, tumbler)
    form = checkout_form(client)
    first = client.post("/checkout/", form)
    second = client.post("/checkout/", form)
    assert first.url == second.url
    assert Order.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postal_code", "1234", b"Enter a postal code like 200120."),
        ("region", "", b"This field is required."),
        ("email", "nope", b"Enter a valid email address."),
        ("card_number", "1234", b"Enter a valid card number."),
        ("card_number", DECLINE, b"Your card was declined."),
        ("country", "XX", b"Select a valid choice."),
        ("shipping_method", "rocket", b"Select a valid choice."),
        ("idempotency_key", "", b"Please correct the fields marked below."),
        ("name", "Li\x00Wei", b"Null characters are not allowed."),
    ],
)
def test_bad_checkout_input_gets_a_message_not_an_order(client, tumbler, field, value, message):
    add_to_cart(client, tumbler)
    response = client.post("/checkout/", checkout_form(client, **{field: value}))
    assert response.status_code == 200
    assert message in response.content
    assert not Order.objects.exists()


def test_a_stale_line_is_marked_on_the_checkout_page(client, tumbler):
    add_to_cart(client, tumbler, finish="mirror", engraving="")
    form = checkout_form(client)
    definition = copy.deepcopy(tumbler.definition)
    finish = next(o for o in definition["options"] if o["code"] == "finish")
    finish["values"] = [v for v in finish["values"] if v["code"] != "mirror"]  # retired
    product_upsert(sku=tumbler.sku, definition=definition)

    response = client.post("/checkout/", form)

    assert response.status_code == 200
    assert b"Some items in your cart can no longer be ordered" in response.content
    assert b'class="field-error line-problem"' in response.content
    assert not Order.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"finish": "gold"},
        {"finish": ""},
        {"finish": "mirror", "engraving": "Li"},  # mirror polish cannot be engraved
        {"engraving": "x" * 21},
        {"quantity": "abc"},
        {"quantity": -5},
        {"quantity": 201},
        {"quantity": 99999999999999999999},
    ],
)
def test_bad_configurator_input_is_a_message(client, tumbler, data):
    response = client.post(tumbler.get_absolute_url(), {"finish": "brushed", "quantity": 1} | data)
    assert response.status_code == 400
    assert b"Please check the highlighted options." in response.content
    assert not CartLine.objects.exists()


def test_editing_a_cart_line_reopens_the_configurator_with_its_choices(client, tumbler):
    add_to_cart(client, tumbler, quantity=3)
    line = CartLine.objects.get()
    page = client.get(f"{tumbler.get_absolute_url()}?line={line.pk}")
    assert re.search(rb'value="matte_black" checked', page.content)
    assert b">Li Wei</textarea>" in page.content and b'value="3"' in page.content
    client.post(
        tumbler.get_absolute_url(), {"finish": "powder_white", "quantity": 2, "line": line.pk}
    )
    edited = CartLine.objects.get()
    assert edited.configuration.values == {"capacity": "500ml", "finish": "powder_white"}
    assert edited.quantity == 2


def test_nobody_can_touch_another_shoppers_cart_lines(client, tumbler, django_user_model):
    add_to_cart(client, tumbler)
    line = CartLine.objects.get()
    from django.test import Client

    other = Client()
    add_to_cart(other, tumbler, finish="brushed", engraving="")
    other.post(f"/cart/lines/{line.pk}/quantity/", {"quantity": 9})
    other.post(f"/cart/lines/{line.pk}/remove/")
    other.post(tumbler.get_absolute_url(), {"finish": "brushed", "quantity": 1, "line": line.pk})
    line.refresh_from_db()
    assert (line.quantity, line.configuration.values["finish"]) == (2, "matte_black")
    assert b"Matte black" not in other.get("/cart/").content


def test_cart_quantity_and_remove(client, tumbler):
    add_to_cart(client, tumbler)
    line = CartLine.objects.get()
    client.post(f"/cart/lines/{line.pk}/quantity/", {"quantity": 4})
    assert CartLine.objects.get().quantity == 4
    bad = client.post(f"/cart/lines/{line.pk}/quantity/", {"quantity": 0}, follow=True)
    assert b"Enter a quantity from 1 to 10000." in bad.content
    client.post(f"/cart/lines/{line.pk}/remove/")
    assert not CartLine.objects.exists()
    assert client.get("/checkout/").url == "/cart/"


def test_a_guest_sees_their_order_only_in_their_browser_or_with_the_link(client, tumbler):
    from django.test import Client

    add_to_cart(client, tumbler)
    client.post("/checkout/", checkout_form(client))
    order = Order.objects.get()
    stranger = Client()
    assert stranger.get(order.get_absolute_url()).status_code == 404
    assert stranger.get(order.get_absolute_url(), {"token": "guess"}).status_code == 404
    assert stranger.post(f"/orders/{order.number}/cancel/").status_code == 404
    assert stranger.post(f"/orders/{order.number}/again/").status_code == 404
    linked = stranger.get(order.get_absolute_url(), {"token": order.tracking_token})
    assert linked.status_code == 200 and order.number.encode() in linked.content


def test_my_orders_lists_only_mine_and_needs_sign_in(client, tumbler):
    users = get_user_model().objects
    mei = users.create_user("mei", "mei@example.com", "a-long-password-1")
    users.create_user("bo", "bo@example.com", "a-long-password-2")
    assert client.get("/orders/").url.startswith("/account/login/")
    client.force_login(mei)
    add_to_cart(client, tumbler)
    client.post("/checkout/", checkout_form(client))
    mine = Order.objects.get()
    assert mine.customer_id == mei.pk
    client.logout()
    client.login(username="bo", password="a-long-password-2")
    assert mine.number.encode() not in client.get("/orders/").content
    assert client.get(mine.get_absolute_url()).status_code == 404


def test_signing_in_keeps_the_guest_cart(client, tumbler):
    get_user_model().objects.create_user("mei", "mei@example.com", "a-long-password-1")
    add_to_cart(client, tumbler)
    response = client.post("/account/login/", {"username": "mei", "password": "a-long-password-1"})
    assert response.status_code == 302 and response.url == "/orders/"
    assert b"Finish: Matte black" in client.get("/cart/").content
    assert CartLine.objects.get().cart.customer.username == "mei"


def test_sign_up_then_my_orders(client):
    response = client.post(
        "/account/signup/",
        {
            "username": "newbie",
            "email": "n@example.com",
            "password1": "a-long-password-1",
            "password2": "a-long-password-1",
        },
    )
    assert response.status_code == 302 and response.url == "/orders/"
    assert client.get("/orders/").status_code == 200


def test_cancel_from_the_order_page(client, tumbler):
    add_to_cart(client, tumbler)
    client.post("/checkout/", checkout_form(client))
    order = Order.objects.get()
    page = client.post(f"/orders/{order.number}/cancel/", follow=True)
    assert b'data-status="cancelled"' in page.content
    assert b'id="cancel-order"' not in page.content


def test_order_again_from_the_order_page(client, tumbler):
    add_to_cart(client, tumbler)
    client.post("/checkout/", checkout_form(client))
    order = Order.objects.get()
    response = client.post(f"/orders/{order.number}/again/", follow=True)
    assert b"priced today" in response.content
    assert b"Finish: Matte black" in response.content


def test_after_a_plant_accepts_the_cancel_button_is_replaced_by_why(client, tumbler, plant):
    from orders.models import OutboxMessage
    from production.models import WorkOrder
    from production.services.factory_actions import work_order_accept
    from production.services.planning import orders_plan
    from production.services.routing import work_orders_route

    add_to_cart(client, tumbler)
    client.post("/checkout/", checkout_form(client))
    order = Order.objects.get()
    work_orders_route(work_order_ids=orders_plan(message_ids=[OutboxMessage.objects.get().pk]))
    work_order_accept(factory=plant, work_order_id=WorkOrder.objects.get().pk, actor="factory")

    page = client.get(order.get_absolute_url())

    assert b'id="cancel-order"' not in page.content
    assert b"A factory accepted this order on" in page.content and b"in Shenzhen" in page.content
    assert b"Routed to a plant" in page.content and b"Accepted by the plant" in page.content
    refused = client.post(f"/orders/{order.number}/cancel/", follow=True)
    assert b"can no longer be cancelled" in refused.content


def breakdown_rows(html: str) -> list[str]:
    """Each row of the first line's price breakdown as a shopper reads it."""
    table = re.search(r'<details class="breakdown.*?</details>', html, re.S).group(0)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]


@pytest.mark.parametrize("path", ["/cart/", "/checkout/"])
def test_the_price_breakdown_adds_up_to_the_line_total(client, tumbler, path):
    add_to_cart(client, tumbler, quantity=2)
    page = client.get(path)
    assert page.status_code == 200
    # 129.00 + 15.00 matte black + 5 characters × 2.00 = 154.00 per piece, × 2 = 308.00,
    # + 15.00 engraving set-up = 323.00
    assert breakdown_rows(page.content.decode()) == [
        "Engraved stainless steel tumbler ¥129.00",
        "Finish: Matte black ¥15.00",
        "Engraving ¥10.00",
        "¥154.00 each × 2 ¥308.00",
        "Engraving set-up Once per order line ¥15.00",
        "Total ¥323.00",
    ]
    assert "{&#x27;en&#x27;" not in page.content.decode()


def test_submitting_checkout_for_a_three_line_cart_is_bounded(
    client, tumbler, django_assert_max_num_queries
):
    for finish in ("brushed", "matte_black", "powder_white"):
        add_to_cart(client, tumbler, finish=finish)
    form = checkout_form(client)
    # Paying is three short transactions (the payment intent, the provider's answer, the
    # order and its email to the customer), each a savepoint pair here.
    with django_assert_max_num_queries(36):
        response = client.post("/checkout/", form)
    assert response.status_code == 302


def test_a_customer_creates_and_revokes_an_api_token_on_the_account_page(client):
    user = get_user_model().objects.create_user("mei", "mei@example.com", "a-long-password-1")
    client.force_login(user)
    page = client.post("/account/", {"name": "my script"})
    key = re.search(rb'class="new-token">([^<]+)<', page.content).group(1).decode()
    assert client.get("/api/v1/orders/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    token = user.api_tokens.get()
    client.post(f"/account/tokens/{token.pk}/revoke/")
    assert client.get("/api/v1/orders/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401
    other = get_user_model().objects.create_user("bo", "bo@example.com", "a-long-password-2")
    client.force_login(other)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("post", "/cart/lines/99999999999999999999/quantity/", {"quantity": 1}),
        ("post", "/cart/lines/99999999999999999999/remove/", {}),
        ("get", "/products/TUMBLER-ENGRAVED/?line=99999999999999999999", {}),
        (
            "post",
            "/products/TUMBLER-ENGRAVED/",
            {"finish": "brushed", "quantity": 1, "line": "99999999999999999999"},
        ),
        ("post", "/products/TUMBLER-ENGRAVED/", {"finish": "brushed", "line": "not-a-number"}),
        ("get", "/orders/C2M-%00-XXXX/", {}),
        ("post", "/orders/" + "9" * 300 + "/cancel/", {}),
    ],
)
def test_absurd_ids_get_a_page_not_a_500(client, tumbler, method, url, data):
    add_to_cart(client, tumbler)
    response = getattr(client, method)(url, data)
    assert response.status_code in {200, 302, 404}


def test_the_order_page_speaks_simplified_chinese(client, tumbler):
    add_to_cart(client, tumbler)
    client.post("/checkout/", checkout_form(client))
    order = Order.objects.get()
    page = client.get(order.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert "已下单" in text and "已收到付款" in text and "取消订单" in text


def test_cancel_asks_for_confirmation_before_cancelling(client, tumbler):
    add_to_cart(client, tumbler)
    client.post("/checkout/", checkout_form(client))
    order = Order.objects.get()
    confirm = client.get(f"/orders/{order.number}/cancel/")
    assert confirm.status_code == 200
    assert f"Cancel order {order.number}?" in confirm.content.decode()
    assert b'id="confirm-cancel"' in confirm.content and b'id="keep-order"' in confirm.content
    order.refresh_from_db()
    assert order.status != "cancelled", "asking is not cancelling"
    page = client.post(f"/orders/{order.number}/cancel/", follow=True)
    assert b'data-status="cancelled"' in page.content
    again = client.get(f"/orders/{order.number}/cancel/", follow=True)
    assert again.redirect_chain, "a cancelled order has nothing to confirm"


@pytest.mark.parametrize(
    ("language", "message"),
    [("en", "Order at most 200 pieces."), ("zh-hans", "最多订购200件。")],
)
def test_a_cart_quantity_above_the_products_maximum_says_so(client, tumbler, language, message):
    add_to_cart(client, tumbler)
    line = CartLine.objects.get()
    page = client.post(
        f"/cart/lines/{line.pk}/quantity/",
        {"quantity": 201},
        follow=True,
        HTTP_ACCEPT_LANGUAGE=language,
    )
    text = page.content.decode()
    assert message in text and "changed since you configured it" not in text
    assert CartLine.objects.get().quantity == 2, "the line keeps its quantity"
    client.post(f"/cart/lines/{line.pk}/quantity/", {"quantity": 200})
    assert CartLine.objects.get().quantity == 200
    assert CartLine.objects.get().configuration.quantity == 200, "priced at its new quantity"
