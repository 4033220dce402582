"""Brute-force limits (issue #22, item 11): sign-in (storefront and admin), sign-up and
guest order lookups, counted in real Redis.

Before: 30 wrong passwords, then the right one, all answered as if nothing happened, and
the right one signed in.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from c2m.sign_in_guard import TooManyAttempts, sign_in_guard
from orders.models import Order
from tests.orders.conftest import fill_cart, place
from tests.shared_cache import redis_cache  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

LOCKED_EN = "Too many failed sign-in attempts. Try again in 15 minutes."
LOCKED_ZH = "登录失败次数过多。请在 15 分钟后再试。"


@pytest.fixture(autouse=True)
def _limits(redis_cache, settings):  # noqa: F811
    settings.SIGN_IN_MAX_FAILURES = 5
    settings.SIGN_IN_MAX_FAILURES_PER_IP = 30
    settings.SIGN_IN_LOCKOUT_SECONDS = 900


@pytest.fixture
def mei(db):
    return get_user_model().objects.create_user("mei", "mei@example.com", "a-long-password-1")


@pytest.fixture
def bo(db):
    return get_user_model().objects.create_user("bo", "bo@example.com", "a-long-password-2")


def sign_in(client: Client, username: str, password: str, **extra: str):
    return client.post("/account/login/", {"username": username, "password": password}, **extra)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_after_five_wrong_passwords_the_right_one_is_refused_with_a_message(client, mei):
    wrong = [sign_in(client, "mei", f"guess-{n}") for n in range(5)]
    right = sign_in(client, "mei", "a-long-password-1")

    assert [r.status_code for r in wrong] == [200, 200, 200, 200, 429]
    assert "Please enter a correct username and password" in wrong[0].content.decode()
    assert LOCKED_EN in wrong[-1].content.decode()
    assert right.status_code == 429 and right["Retry-After"] == "900"
    assert LOCKED_EN in right.content.decode()
    assert not signed_in(client)


def test_the_lockout_message_is_in_the_shoppers_language(client, mei):
    for n in range(5):
        sign_in(client, "mei", f"guess-{n}", HTTP_ACCEPT_LANGUAGE="zh-hans")

    right = sign_in(client, "MEI ", "a-long-password-1", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert right.status_code == 429 and LOCKED_ZH in right.content.decode()


def test_after_the_lockout_window_the_right_password_works(client, mei, settings):
    settings.SIGN_IN_LOCKOUT_SECONDS = 2
    for n in range(6):
        sign_in(client, "mei", f"guess-{n}")
    assert sign_in(client, "mei", "a-long-password-1").status_code == 429

    time.sleep(2.2)
    response = sign_in(client, "mei", "a-long-password-1")

    assert response.status_code == 302 and signed_in(client)


def test_other_accounts_are_unaffected_and_a_success_clears_the_count(client, mei, bo):
    for n in range(5):
        sign_in(client, "mei", f"guess-{n}")
    for n in range(4):
        sign_in(Client(), "bo", f"guess-{n}")

    assert sign_in(client, "bo", "a-long-password-2").status_code == 302
    for n in range(4):  # bo's four failures were forgotten when he signed in
        assert sign_in(Client(), "bo", f"guess-{n}").status_code == 200
    assert sign_in(Client(), "mei", "a-long-password-1").status_code == 429


def test_one_address_guessing_many_accounts_is_locked_out(mei, settings):
    settings.SIGN_IN_MAX_FAILURES_PER_IP = 3
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for name in ("ann", "ben", "cai"):
        sign_in(attacker, name, "123456")

    assert sign_in(attacker, "mei", "a-long-password-1").status_code == 429
    assert (
        sign_in(Client(REMOTE_ADDR="198.51.100.2"), "mei", "a-long-password-1").status_code == 302
    )


def test_the_admin_sign_in_locks_out_too(client):
    get_user_model().objects.create_superuser("root", "root@example.com", "a-long-password-9")
    for n in range(5):
        client.post("/admin/login/", {"username": "root", "password": f"guess-{n}"})

    right = client.post(
        "/admin/login/?next=/admin/", {"username": "root", "password": "a-long-password-9"}
    )

    assert LOCKED_EN in right.content.decode()
    assert not signed_in(client)
    # The storefront counts the same account: its lock holds there too.
    assert sign_in(Client(), "root", "a-long-password-9").status_code == 429


def test_concurrent_guesses_never_get_more_password_checks_than_the_limit():
    checked = []
    start = threading.Barrier(12)

    class WrongPassword(Exception):
        pass

    def guess(n: int) -> None:
        start.wait()
        for _ in range(5):
            try:
                with sign_in_guard(username="mei", ip="192.0.2.1", failure=WrongPassword):
                    checked.append(n)
                    raise WrongPassword
            except (WrongPassword, TooManyAttempts):
                pass

    with ThreadPoolExecutor(12) as pool:
        list(pool.map(guess, range(12)))  # 60 guesses

    assert len(checked) == 5


def test_sign_ups_from_one_address_are_limited(client, settings):
    settings.SIGN_UP_MAX_PER_IP = 3
    answers = [
        client.post(
            "/account/signup/",
            {"username": f"u{n}", "email": f"u{n}@example.com", "password1": "x", "password2": "y"},
        )
        for n in range(4)
    ]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert "Too many sign-up attempts from your network" in answers[-1].content.decode()
    assert answers[-1]["Retry-After"] == "3600"


@pytest.fixture
def guest_order(tumbler) -> Order:
    return place(fill_cart(tumbler))


def test_guessing_order_tracking_tokens_is_locked_out_on_the_page(client, guest_order, settings):
    settings.ORDER_LOOKUP_MAX_FAILURES_PER_IP = 3
    url = guest_order.get_absolute_url()
    guesses = [client.get(url, {"token": f"guess-{n}"}).status_code for n in range(3)]

    right = client.get(url, {"token": guest_order.tracking_token}, HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert guesses == [404, 404, 429]
    assert right.status_code == 429 and "订单查询失败次数过多" in right.content.decode()
    other = Client(REMOTE_ADDR="198.51.100.2")
    assert other.get(url, {"token": guest_order.tracking_token}).status_code == 200


def test_guessing_order_tracking_tokens_is_locked_out_on_the_api(client, guest_order, settings):
    settings.ORDER_LOOKUP_MAX_FAILURES_PER_IP = 3
    url = f"/api/v1/orders/{guest_order.number}/"
    for n in range(3):
        client.get(url, {"token": f"guess-{n}"})

    right = client.get(url, {"token": guest_order.tracking_token})

    assert right.status_code == 429 and int(right["Retry-After"]) > 0
    assert right.json()["code"] == "throttled"
    assert right.json()["detail"].startswith("Too many failed order lookups.")


def test_reading_ones_own_order_again_and_again_is_never_locked_out(client, guest_order, settings):
    settings.ORDER_LOOKUP_MAX_FAILURES_PER_IP = 3
    url = guest_order.get_absolute_url()
    statuses = {
        client.get(url, {"token": guest_order.tracking_token}).status_code for _ in range(8)
    }
    assert statuses == {200}
