"""Marking paid, cancelling inside the window, delivery and ordering again."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from c2m.errors import Conflict
from orders.models import OrderStatus, OutboxMessage, Payment
from orders.services.cart import cart_get_or_create
from orders.services.catalog import product_upsert
from orders.services.lifecycle import (
    order_cancel,
    order_mark_delivered,
    order_mark_paid,
    order_reorder,
)
from orders.services.parcels import parcels_announce
from production.models import CapacityDay, CapacityReservation, WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.mail import emails_sent
from tests.orders.conftest import fill_cart, place

pytestmark = pytest.mark.django_db


def _plan_and_offer(order) -> WorkOrder:
    message = OutboxMessage.objects.get(payload__order_id=order.pk)
    work_order_ids = orders_plan(message_ids=[message.pk])
    work_orders_route(work_order_ids=work_order_ids)
    return WorkOrder.objects.get(order_id=order.pk)


def _reserve(work_order: WorkOrder, minutes: int = 90) -> CapacityDay:
    day = CapacityDay.objects.create(
        factory=work_order.factory,
        centre_type="fibre_laser",
        day=date(2030, 1, 7),
        available_minutes=480,
        reserved_minutes=minutes,
    )
    CapacityReservation.objects.create(work_order=work_order, capacity_day=day, minutes=minutes)
    return day


def test_an_invoice_order_goes_to_production_once_an_operator_marks_it_paid(tumbler):
    order = place(fill_cart(tumbler), payment_provider="invoice", payment_data={})
    assert not OutboxMessage.objects.exists()

    order = order_mark_paid(order_id=order.pk, actor="staff:ops", reference="bank-1")

    assert order.status == "placed"
    assert Payment.objects.get(order=order).status == "captured"
    assert OutboxMessage.objects.filter(payload__order_id=order.pk).count() == 1
    with pytest.raises(Conflict):
        order_mark_paid(order_id=order.pk, actor="staff:ops")
    assert OutboxMessage.objects.count() == 1


def test_cancelling_before_planning_refunds_and_the_planner_then_skips_it(
    tumbler, django_capture_on_commit_callbacks
):
    order = place(fill_cart(tumbler))

    # The refund goes to the provider once the cancellation has committed.
    with django_capture_on_commit_callbacks(execute=True):
        order = order_cancel(order_id=order.pk, actor="customer")

    assert order.status == "cancelled"
    payment = Payment.objects.get(order=order)
    assert (payment.status, payment.refunded_amount) == ("refunded", order.total)
    assert list(order.events.values_list("code", flat=True)) == [
        "placed",
        "paid",
        "cancelled",
        "refunded",
    ]
    message = OutboxMessage.objects.get(payload__order_id=order.pk)
    assert orders_plan(message_ids=[message.pk]) == []
    assert not WorkOrder.objects.filter(order_id=order.pk).exists()


def test_cancelling_an_offered_order_cancels_its_work_orders_and_frees_capacity(tumbler, plant):
    order = place(fill_cart(tumbler))
    work_order = _plan_and_offer(order)
    assert work_order.status == "offered"
    day = _reserve(work_order)

    order_cancel(order_id=order.pk, actor="customer")

    work_order.refresh_from_db()
    day.refresh_from_db()
    assert work_order.status == "cancelled"
    assert day.reserved_minutes == 0
    # Routing reserved the plant's other centres too: every reservation is released
    assert not CapacityReservation.objects.filter(released_at__isnull=True).exists()
    assert not CapacityDay.objects.filter(reserved_minutes__gt=0).exists()
    order.refresh_from_db()
    assert order.status == "cancelled"
    # And the plant can no longer accept it
    with pytest.raises(Conflict):
        work_order_accept(factory=plant, work_order_id=work_order.pk, actor="factory")


def test_once_a_factory_accepted_the_order_cannot_be_cancelled(tumbler, plant):
    order = place(fill_cart(tumbler))
    work_order = _plan_and_offer(order)
    day = _reserve(work_order)
    work_order_accept(factory=plant, work_order_id=work_order.pk, actor="factory")

    with pytest.raises(Conflict) as refused:
        order_cancel(order_id=order.pk, actor="customer")

    assert refused.value.code == "not_cancellable"
    order.refresh_from_db()
    work_order.refresh_from_db()
    day.refresh_from_db()
    assert (order.status, work_order.status, day.reserved_minutes) == (
        "in_production",
        "accepted",
        90,
    )
    assert Payment.objects.get(order=order).status == "captured"


def test_an_invoice_order_can_be_cancelled_while_awaiting_payment(tumbler):
    order = place(fill_cart(tumbler), payment_provider="invoice", payment_data={})
    order_cancel(order_id=order.pk, actor="customer")
    assert Payment.objects.get(order=order).status == "voided"
    with pytest.raises(Conflict) as again:
        order_cancel(order_id=order.pk, actor="customer")
    assert "already cancelled" in again.value.detail


def test_delivery_is_confirmed_only_for_shipped_orders_and_emails_the_customer(
    tumbler, plant, django_capture_on_commit_callbacks, mailoutbox
):
    order = place(fill_cart(tumbler))
    work_order = _plan_and_offer(order)
    with pytest.raises(Conflict):
        order_mark_delivered(order_id=order.pk, actor="carrier:sf")
    work_order_accept(factory=plant, work_order_id=work_order.pk, actor="factory")
    for event in ("started", "qc_passed"):
        work_order_report(
            factory=plant, work_order_id=work_order.pk, actor="factory", event=event, data={}
        )
    with django_capture_on_commit_callbacks(execute=True):
        work_order_report(
            factory=plant,
            work_order_id=work_order.pk,
            actor="factory",
            event="shipped",
            data={"carrier": "SF Express", "tracking_number": "SF100200300"},
        )
        parcels_announce(now=timezone.now() + timedelta(minutes=5))
        order_mark_delivered(order_id=order.pk, actor="carrier:sf")

    order.refresh_from_db()
    assert order.status == OrderStatus.DELIVERED
    subjects = [m.subject for m in emails_sent()]
    assert any("on its way" in s for s in subjects) and any("delivered" in s for s in subjects)
    shipped = next(m for m in emails_sent() if "on its way" in m.subject)
    assert "SF Express, tracking number SF100200300" in shipped.body
    assert "from Shenzhen" in shipped.body


def test_order_again_puts_the_same_configurations_in_the_cart_at_todays_price(tumbler):
    order = place(fill_cart(tumbler, lines=2, quantity=3))
    product_upsert(sku=tumbler.sku, definition=tumbler.definition | {"base_price": "85.00"})
    cart = cart_get_or_create(token=None, customer_id=None)

    added, problems = order_reorder(order=order, cart=cart)

    assert (added, problems) == (2, [])
    assert sorted(line.quantity for line in cart.lines.all()) == [3, 3]
    reordered = place(cart)
    # Today's base 85.00: brushed +0 = 85.00, matte black +15 = 100.00
    unit_prices = sorted(line.unit_price for line in reordered.lines.all())
    assert unit_prices == [Decimal("85.00"), Decimal("100.00")]


def test_order_again_explains_a_product_that_is_no_longer_on_sale(tumbler):
    order = place(fill_cart(tumbler))
    product_upsert(sku=tumbler.sku, definition=tumbler.definition, is_active=False)
    cart = cart_get_or_create(token=None, customer_id=None)
    added, problems = order_reorder(order=order, cart=cart)
    assert added == 0 and "no longer on sale" in problems[0]
