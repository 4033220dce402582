"""Payouts, statements and margins in the admin: factory staff see their own plant's only,
operators see every plant's and each order's margin (issue #18, items 6-7)."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from orders.models import Order, OutboxMessage
from production.models import FactoryStatus, SettlementEntry, WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.factory_status import factory_set_status
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from production.services.settlement import ledger_charge_back
from tests.factories import demo_product, place_order

pytestmark = pytest.mark.django_db

STATEMENT = "admin:production_settlemententry_statement"


def routed_to(plant, others=(), quantity: int = 1) -> WorkOrder:
    """An order placed, planned and routed while only ``plant`` is active."""
    for other in others:
        factory_set_status(factory_id=other.pk, status=FactoryStatus.PAUSED, actor="t")
    order = place_order(demo_product(), {"finish": "brushed"}, quantity=quantity)
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
    ids = orders_plan(message_ids=[message.pk])
    work_orders_route(work_order_ids=ids)
    for other in others:
        factory_set_status(factory_id=other.pk, status=FactoryStatus.ACTIVE, actor="t")
    work_order = WorkOrder.objects.get(pk=ids[0])
    assert work_order.factory_id == plant.pk
    return work_order


def shipped(plant, work_order: WorkOrder, tracking: str) -> WorkOrder:
    work_order_accept(factory=plant, work_order_id=work_order.pk, actor="t")
    for event in ("started", "qc_passed"):
        work_order_report(
            factory=plant, work_order_id=work_order.pk, actor="t", event=event, data={}
        )
    return work_order_report(
        factory=plant,
        work_order_id=work_order.pk,
        actor="t",
        event="shipped",
        data={"carrier": "SF", "tracking_number": tracking},
    )


def test_factory_staff_see_the_payout_and_deadline_of_an_offer(as_staff_a, plant_a, plant_b):
    work_order = routed_to(plant_a, [plant_b])

    listing = as_staff_a.get(reverse("admin:production_workorder_changelist")).content.decode()
    page = as_staff_a.get(
        reverse("admin:production_workorder_change", args=[work_order.pk])
    ).content.decode()

    shown = f"¥{work_order.payout_amount:,.2f}"
    assert work_order.payout_amount > 0 and work_order.payout_currency == "CNY"
    assert shown in listing and shown in page
    assert work_order.offer_expires_at.strftime("%Y-%m-%d %H:%M:%S") in page


def test_factory_staff_see_their_own_statement_only(as_staff_a, plant_a, plant_b):
    own = shipped(plant_a, routed_to(plant_a, [plant_b]), "SF-A")
    theirs = shipped(plant_b, routed_to(plant_b, [plant_a]), "SF-B")
    ledger_charge_back(work_order=theirs, amount=Decimal("7.00"), reason="r", claim_ref="CLM-B")

    page = as_staff_a.get(reverse(STATEMENT))
    body = page.content.decode()
    other = as_staff_a.get(reverse(STATEMENT), {"factory": plant_b.pk})
    exported = as_staff_a.get(reverse(STATEMENT), {"format": "csv"})
    entries = as_staff_a.get(reverse("admin:production_settlemententry_changelist"))

    assert page.status_code == 200
    assert own.number in body and theirs.number not in body and "CLM-B" not in body
    assert [label for label, _ in page.context["figures"]][-1] == "closing balance"
    assert page.context["statement"].closing_balance == own.payout_amount
    assert other.status_code == 404
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert [r[2] for r in rows[2:-1]] == [own.number]
    assert rows[-1][-1] == str(own.payout_amount)
    assert entries.context["cl"].result_count == 1


def test_operators_read_any_statement_and_book_an_adjustment(as_operator, plant_a, plant_b):
    own = shipped(plant_a, routed_to(plant_a, [plant_b]), "SF-A")
    url = reverse(STATEMENT) + f"?factory={plant_a.pk}"

    booked = as_operator.post(url, {"amount": "-2.50", "reason": "late cartons"}, follow=True)
    refused = as_operator.post(url, {"amount": "abc", "reason": ""})

    assert booked.status_code == 200
    assert "−¥2.50" in booked.content.decode()
    statement = booked.context["statement"]
    assert statement.adjustments == Decimal("-2.50")
    assert statement.closing_balance == own.payout_amount - Decimal("2.50")
    assert refused.status_code == 200
    assert refused.context["adjustment"].errors
    assert SettlementEntry.objects.filter(kind="adjustment").count() == 1


def test_factory_staff_cannot_book_adjustments(as_staff_a, plant_a):
    response = as_staff_a.post(reverse(STATEMENT), {"amount": "100.00", "reason": "bonus"})

    assert response.status_code == 404
    assert not SettlementEntry.objects.exists()


def test_a_bad_period_is_a_message_not_a_500(as_staff_a, plant_a):
    response = as_staff_a.get(reverse(STATEMENT), {"start": "2026-12-31", "end": "2026-01-01"})

    assert response.status_code == 200
    assert "The period ends before it starts." in response.content.decode()


def test_operators_see_each_orders_margin_net_of_vat(as_operator, plant_a, plant_b, settings):
    settings.SHOP_VAT_RATE = Decimal("13")
    work_order = shipped(plant_a, routed_to(plant_a, [plant_b], quantity=2), "SF-A")
    ledger_charge_back(work_order=work_order, amount=Decimal("4.00"), reason="r", claim_ref="C-1")
    order = Order.objects.get(pk=work_order.order_id)
    vat = (order.total * 13 / 113).quantize(Decimal("0.01"))
    expected = order.total - vat - work_order.payout_amount + Decimal("4.00")

    page = as_operator.get(reverse("admin:orders_order_change", args=[order.pk]))
    listing = as_operator.get(reverse("admin:orders_order_changelist"))

    body = page.content.decode()
    assert 'id="order-margin"' in body
    margin = f"¥{expected:,.2f}" if expected >= 0 else f"−¥{-expected:,.2f}"
    assert margin in body
    assert f"¥{order.total - vat:,.2f}" in body
    assert margin in listing.content.decode()
