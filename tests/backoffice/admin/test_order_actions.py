"""Operators run the order lifecycle from the admin through the same services."""

import pytest
from django.urls import reverse

from orders.models import OrderEvent, OutboxMessage
from tests.factories import demo_product, place_order

pytestmark = pytest.mark.django_db


def act(client, action, order):
    return client.post(
        reverse("admin:orders_order_changelist"),
        {"action": action, "_selected_action": [order.pk]},
        follow=True,
    )


def test_marking_an_invoice_order_paid_sends_it_to_production(as_operator):
    order = place_order(demo_product(), {"finish": "brushed"}, paid=False)
    assert order.status == "pending_payment" and not OutboxMessage.objects.exists()

    act(as_operator, "mark_paid", order)

    order.refresh_from_db()
    assert order.status == "placed"
    assert OutboxMessage.objects.filter(payload__order_id=order.pk).count() == 1
    paid = OrderEvent.objects.get(order=order, code="paid")
    assert paid.actor.startswith("admin:")


def test_delivered_is_refused_with_a_message_for_an_order_not_shipped(as_operator):
    order = place_order(demo_product(), {"finish": "brushed"})

    page = act(as_operator, "mark_delivered", order)

    order.refresh_from_db()
    assert order.status == "placed"
    assert order.number in page.content.decode()  # the refusal names the order


def test_an_operator_cancels_an_order_nobody_accepted(as_operator):
    order = place_order(demo_product(), {"finish": "brushed"})

    act(as_operator, "cancel", order)

    order.refresh_from_db()
    assert order.status == "cancelled"
