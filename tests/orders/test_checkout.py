"""Checkout converts a cart once, prices it on the server and takes payment."""

from __future__ import annotations

import copy
import threading
from decimal import Decimal

import pytest
from django.db import connection

from c2m.errors import ApplicationError, Conflict
from orders.models import Order, OrderEvent, OutboxMessage, Payment
from orders.services.catalog import product_upsert
from orders.services.checkout import checkout_promises
from orders.services.payments import PaymentDeclined
from orders.services.payments.sandbox import DECLINE, RETRY
from tests.mail import emails_sent
from tests.orders.conftest import ADDRESS, fill_cart, place

pytestmark = pytest.mark.django_db


def test_a_paid_checkout_places_the_order_with_server_prices_and_plans_it(
    tumbler, django_capture_on_commit_callbacks, mailoutbox
):
    # Given a cart with a brushed and a matte black tumbler, two of each
    cart = fill_cart(tumbler, lines=2, quantity=2)

    # When the guest checks out with an approved sandbox card
    with django_capture_on_commit_callbacks(execute=True):
        order = place(cart)

    # Then the order is placed, priced from the catalogue plus standard domestic shipping
    assert order.status == "placed"
    # brushed 129.00 × 2 = 258.00; matte black (129 + 15) 144.00 × 2 = 288.00
    assert order.subtotal == Decimal("546.00")
    assert order.shipping_total == Decimal("12.00")
    assert order.total == Decimal("558.00")  # 546.00 + 12.00
    assert [line.quantity for line in order.lines.all()] == [2, 2]
    payment = Payment.objects.get(order=order)
    assert (payment.status, payment.captured_amount) == ("captured", Decimal("558.00"))
    assert list(order.events.values_list("code", "to_status")) == [
        ("placed", "pending_payment"),
        ("paid", "placed"),
    ]
    # And production hears of it exactly once, and the customer gets an email with the link
    assert OutboxMessage.objects.filter(payload__order_id=order.pk).count() == 1
    cart.refresh_from_db()
    assert cart.order_id == order.pk
    assert len(emails_sent()) == 1 and order.number in emails_sent()[0].subject
    assert f"?token={order.tracking_token}" in emails_sent()[0].body


def test_replaying_the_same_submit_returns_the_same_order(tumbler):
    cart = fill_cart(tumbler)
    first = place(cart, idempotency_key="key-12345678")
    again = place(cart, idempotency_key="key-12345678")
    other_tab = place(cart, idempotency_key="another-tab-key")
    assert first.pk == again.pk == other_tab.pk
    assert Order.objects.count() == 1 and Payment.objects.count() == 1


def test_an_idempotency_key_used_for_another_cart_is_refused(tumbler):
    place(fill_cart(tumbler), idempotency_key="shared-key-1")
    other = fill_cart(tumbler, customer_id=None)
    with pytest.raises(Conflict) as refused:
        place(other, idempotency_key="shared-key-1")
    assert refused.value.code == "idempotency_key_reused"
    assert Order.objects.count() == 1


def test_a_declined_card_places_nothing_and_the_cart_stays_open(tumbler):
    cart = fill_cart(tumbler)
    with pytest.raises(PaymentDeclined) as declined:
        place(cart, payment_data={"card_number": DECLINE})
    assert declined.value.status == 402 and "declined" in declined.value.detail
    assert Order.objects.count() == 0
    cart.refresh_from_db()
    assert cart.order_id is None


def test_the_retry_card_succeeds_on_the_second_attempt_of_the_same_checkout(tumbler):
    cart = fill_cart(tumbler)
    with pytest.raises(PaymentDeclined) as first:
        place(cart, idempotency_key="retry-key-1", payment_data={"card_number": RETRY})
    assert first.value.extra == {"retryable": True}
    order = place(cart, idempotency_key="retry-key-1", payment_data={"card_number": RETRY})
    assert order.status == "placed"


def test_an_invoice_order_waits_for_payment_and_is_not_planned(tumbler):
    order = place(fill_cart(tumbler), payment_provider="invoice", payment_data={})
    assert order.status == "pending_payment"
    assert Payment.objects.get(order=order).status == "pending"
    assert not OutboxMessage.objects.exists()


def test_a_configuration_that_no_longer_validates_stops_checkout_on_that_line(tumbler):
    # Given a cart with a mirror-polished tumbler, then that finish is retired
    cart = fill_cart(tumbler, lines=5)
    line = cart.lines.get(configuration__values__finish="mirror")
    definition = copy.deepcopy(tumbler.definition)
    finish = next(o for o in definition["options"] if o["code"] == "finish")
    finish["values"] = [v for v in finish["values"] if v["code"] != "mirror"]
    product_upsert(sku=tumbler.sku, definition=definition)

    with pytest.raises(ApplicationError) as stale:
        place(cart)

    assert stale.value.code == "stale_configuration"
    assert list(stale.value.errors) == [f"line-{line.pk}"]
    message = stale.value.errors[f"line-{line.pk}"][0]
    assert "Engraved stainless steel tumbler has changed" in message
    assert Order.objects.count() == 0


def test_a_still_valid_configuration_survives_a_catalogue_change_and_is_priced_today(tumbler):
    cart = fill_cart(tumbler, lines=1, quantity=1)
    product_upsert(sku=tumbler.sku, definition=tumbler.definition | {"base_price": "99.00"})
    order = place(cart)
    assert order.lines.get().unit_price == Decimal("99.00")  # brushed: the new base, +0


def test_a_product_taken_off_sale_stops_checkout(tumbler):
    cart = fill_cart(tumbler)
    product_upsert(sku=tumbler.sku, definition=tumbler.definition, is_active=False)
    with pytest.raises(ApplicationError) as stale:
        place(cart)
    assert "no longer on sale" in next(iter(stale.value.errors.values()))[0]


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("email", "not-an-email", "invalid_email"),
        ("shipping_method", "teleport", "invalid_shipping_method"),
        ("idempotency_key", "x", "invalid_form"),
        ("idempotency_key", "abc\x00defghijk", "invalid_form"),
    ],
)
def test_bad_form_input_is_a_clear_error(tumbler, field, value, code):
    with pytest.raises(ApplicationError) as refused:
        place(fill_cart(tumbler), **{field: value})
    assert refused.value.code == code


def test_an_empty_cart_cannot_be_checked_out(tumbler):
    cart = fill_cart(tumbler, lines=0)
    with pytest.raises(ApplicationError) as refused:
        place(cart)
    assert refused.value.code == "empty_cart"


def test_international_shipping_costs_more(tumbler):
    order = place(
        fill_cart(tumbler),
        address=ADDRESS | {"country": "DE", "postal_code": "10115", "city": "Berlin"},
        shipping_method="express",
    )
    assert order.shipping_total == Decimal("189.00")


def test_placing_a_three_line_order_runs_at_most_31_queries(tumbler, django_assert_max_num_queries):
    # Given the checkout page showed the delivery dates (which warms the promise cache)
    cart = fill_cart(tumbler, lines=3)
    checkout_promises(cart=cart, ship_to=ADDRESS)
    # Paying is three short transactions (the intent recorded; the provider's answer; the
    # order written with its email to the customer, the cart re-read under its lock), six
    # savepoint statements here.
    with django_assert_max_num_queries(31):
        order = place(cart)
    assert order.lines.count() == 3 and order.status == "placed"


def test_the_query_count_does_not_grow_with_the_cart(tumbler, django_assert_max_num_queries):
    # Cold: the promise engine reads the recipe and the network (five queries) once; paying
    # reads the lines' paid services once (operators' tasks); the email is one row.
    cart = fill_cart(tumbler, lines=5)
    with django_assert_max_num_queries(37):
        place(cart)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_key", [True, False], ids=["double-submit", "two-tabs"])
def test_concurrent_submits_of_one_cart_make_one_order(same_key, quiet_broker):
    from tests.factories import PlantFactory, demo_product

    PlantFactory(code="sz-engrave", city="Shenzhen")
    cart = fill_cart(demo_product("TUMBLER-ENGRAVED"), lines=2)
    barrier = threading.Barrier(6)
    results: list[object] = []

    def submit(n: int) -> None:
        barrier.wait()
        try:
            key = "same-key-123" if same_key else f"tab-key-{n:04d}"
            results.append(place(cart, idempotency_key=key).pk)
        except Exception as error:  # pragma: no cover - reported by the assert below
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(set(results)) == 1 and isinstance(results[0], int), results
    assert Order.objects.count() == 1
    assert Payment.objects.count() == 1
    assert OrderEvent.objects.filter(code="paid").count() == 1
    assert OutboxMessage.objects.count() == 1
