"""Operators run the order lifecycle from the admin through the same services."""

import pytest
from django.core import mail
from django.urls import reverse

from orders.models import OrderEmail, OrderEvent, OutboxMessage
from orders.services.emails import order_emails_send
from tests.factories import PlantFactory, demo_product, place_order
from tests.mail import REFUSING
from tests.orders.conftest import fill_cart, place

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


def test_an_operator_sees_a_failed_email_and_sends_it_again(as_operator, settings):
    # Given the placed email of an order failed for good (the server refused the address)
    settings.EMAIL_BACKEND = REFUSING
    PlantFactory(code="sz-engrave", city="Shenzhen")
    order = place(fill_cart(demo_product("TUMBLER-ENGRAVED")))
    order_emails_send()

    # Then the order's page lists it with the reason
    page = as_operator.get(reverse("admin:orders_order_change", args=[order.pk])).content.decode()
    assert "address refused" in page

    # When the address is fixed and the operator sends the failed emails again
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    done = act(as_operator, "send_failed_emails", order).content.decode()

    # Then it is due again and the next send delivers it once
    assert "Failed emails sent again for: 1 order(s)." in done
    assert order_emails_send() == 1
    assert OrderEmail.objects.get(order=order).status == "sent"
    assert [m.to for m in mail.outbox] == [[order.email]]
