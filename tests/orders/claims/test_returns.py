"""Returns: where the product's policy allows (the tumbler: 30 days, never engraved), the
customer asks to return pieces, an operator approves and a return label is issued (the
order page shows it and prints it), and when the parcel is received the refund goes
back through the payment provider, once, however often the receipt is recorded."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from freezegun import freeze_time

from c2m.errors import Conflict
from orders.models import Claim, ClaimKind, ClaimStatus, OrderEvent, OutboxMessage, Payment
from orders.services.cart import cart_get_or_create, cart_line_add
from orders.services.claim_services import claim_approve_return, claim_return_receive
from orders.services.claims import claim_file, claim_refund
from orders.services.configurations import configuration_create
from orders.services.payments import sandbox
from tests.mail import emails_sent
from tests.orders.claims.conftest import Delivered, delivered_order, make_through
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db
# Refunds call the provider with no transaction open.
refunds = pytest.mark.django_db(transaction=True)


def ask_to_return(delivered: Delivered, **overrides) -> Claim:
    kwargs = {
        "order_id": delivered.order.pk,
        "line_id": delivered.order.lines.get().pk,
        "kind": ClaimKind.RETURN,
        "reason": "changed_mind",
        "quantity": 1,
        "description": "Bought one too many.",
        "actor": "customer:guest",
    }
    return claim_file(**(kwargs | overrides))


def test_an_approved_return_gets_a_label_the_order_page_shows_and_prints(
    tumbler, quiet_broker, django_capture_on_commit_callbacks
):
    delivered = delivered_order(tumbler)
    order = delivered.order
    claim = ask_to_return(delivered)
    emails_sent().clear()

    with django_capture_on_commit_callbacks(execute=True):
        claim_approve_return(claim_id=claim.pk, actor="admin:ops")

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.RETURN_APPROVED
    # The carrier that brought the order takes it back, with a reference of its own.
    assert claim.return_carrier == "SF Express"
    assert claim.return_reference.startswith("RT") and len(claim.return_reference) == 12
    [email] = emails_sent()
    assert claim.return_reference in email.body and "Print the return label" in email.body
    # Production never hears of a return: it is not about a plant's work.
    assert not OutboxMessage.objects.filter(topic__startswith="claim.").exists()
    client = Client()
    page = client.get(order.get_absolute_url(), {"token": order.tracking_token}).content.decode()
    assert f"Return label: SF Express {claim.return_reference}" in page
    label = client.get(
        f"/orders/{order.number}/returns/{claim.number}/label/", {"token": order.tracking_token}
    )
    assert label.status_code == 200
    assert claim.return_reference in label.content.decode()
    assert "C2M Bridge Returns" in label.content.decode()
    # Another shopper (no token) never sees it.
    assert Client().get(f"/orders/{order.number}/returns/{claim.number}/label/").status_code == 404


@refunds
def test_receiving_the_return_refunds_its_pieces_once_however_often_it_is_recorded(
    tumbler, quiet_broker, monkeypatch, django_capture_on_commit_callbacks
):
    delivered = delivered_order(tumbler)  # 3 brushed tumblers at 129.00
    claim = ask_to_return(delivered, quantity=2)
    claim_approve_return(claim_id=claim.pk, actor="admin:ops")
    calls = []
    original = sandbox.SandboxCardProvider.refund
    monkeypatch.setattr(
        sandbox.SandboxCardProvider,
        "refund",
        lambda self, **kw: calls.append(kw) or original(self, **kw),
    )
    emails_sent().clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = claim_return_receive(claim_id=claim.pk, actor="admin:warehouse")
    again = claim_return_receive(claim_id=claim.pk, actor="admin:warehouse")

    assert first.status == again.status == ClaimStatus.REFUNDED
    assert first.refund_amount == Decimal("258.00")
    assert len(calls) == 1 and calls[0]["amount"] == Decimal("258.00")
    payment = Payment.objects.get(order=delivered.order)
    assert payment.refunded_amount == Decimal("258.00")
    assert OrderEvent.objects.filter(order=delivered.order, code="refunded").count() == 1
    [email] = emails_sent()
    assert "The items you sent back have arrived" in email.body and "258" in email.body
    codes = list(claim.events.values_list("code", flat=True))
    assert codes == ["filed", "return_approved", "return_received", "refunded"]


def test_a_return_is_refunded_only_after_it_is_approved_and_received(tumbler, quiet_broker):
    delivered = delivered_order(tumbler)
    claim = ask_to_return(delivered)

    with pytest.raises(Conflict) as not_yet:
        claim_return_receive(claim_id=claim.pk, actor="admin:warehouse")
    with pytest.raises(Conflict) as no_shortcut:
        claim_refund(claim_id=claim.pk, amount="129.00", plant_at_fault=False, actor="admin")

    assert not_yet.value.code == no_shortcut.value.code == "invalid_transition"
    assert Payment.objects.get(order=delivered.order).refunded_amount == 0


def test_an_engraved_tumbler_is_personalised_and_cannot_be_returned(tumbler, quiet_broker):
    cart = cart_get_or_create(token=None, customer_id=None)
    configuration, quantity = configuration_create(
        product=tumbler,
        raw={"quantity": 1, "options": {"finish": "brushed", "engraving": "For Mei"}},
    )
    cart_line_add(cart=cart, configuration=configuration, quantity=quantity)
    order = place(cart)
    from orders.models import OutboxMessage as Outbox
    from production.models import WorkOrder
    from production.services.planning import orders_plan
    from production.services.routing import work_orders_route

    [work_order_id] = orders_plan(
        message_ids=[Outbox.objects.get(topic="order.paid", payload__order_id=order.pk).pk]
    )
    work_orders_route(work_order_ids=[work_order_id])
    make_through(work_order_id, WorkOrder.objects.get(pk=work_order_id).factory)
    delivered = Delivered(order, WorkOrder.objects.get(pk=work_order_id), None)  # type: ignore[arg-type]

    with pytest.raises(Conflict) as refused:
        ask_to_return(delivered)

    assert refused.value.code == "personalised"
    assert refused.value.detail == "Personalised items cannot be returned."
    page = Client(headers={"accept-language": "zh-hans"}).get(
        order.get_absolute_url(), {"token": order.tracking_token}
    )
    assert "个性化定制的商品不可退货。" in page.content.decode()


def test_a_return_is_refused_after_the_window_through_the_api(tumbler, quiet_broker):
    order = delivered_order(tumbler).order

    with freeze_time(order.updated_at + timedelta(days=31)):
        response = Client().post(
            f"/api/v1/orders/{order.number}/claims/?token={order.tracking_token}",
            {
                "kind": "return",
                "line_id": order.lines.get().pk,
                "reason": "changed_mind",
                "quantity": 1,
                "description": "Too late?",
            },
            content_type="application/json",
        )

    assert response.status_code == 409, response.content
    body = response.json()
    assert body["code"] == "return_window_closed"
    assert "30 days after delivery" in body["detail"]


def test_the_api_files_a_return_and_shows_its_label(tumbler, quiet_broker):
    order = delivered_order(tumbler).order
    url = f"/api/v1/orders/{order.number}/claims/?token={order.tracking_token}"
    body = {
        "kind": "return",
        "line_id": order.lines.get().pk,
        "reason": "misprint",  # a problem's reason, not a return's
        "quantity": 1,
        "description": "x",
    }
    wrong = Client().post(url, body, content_type="application/json")
    assert wrong.status_code == 400 and "reason" in wrong.json()["errors"]

    created = Client().post(url, body | {"reason": "does_not_fit"}, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["kind"] == "return" and created.json()["return_label"] is None
    claim_approve_return(claim_id=Claim.objects.get().pk, actor="admin:ops")
    [listed] = Client().get(url).json()["results"]
    assert listed["status"] == "return_approved"
    assert listed["return_label"]["carrier"] == "SF Express"
    assert listed["return_label"]["reference"].startswith("RT")


@refunds
def test_two_warehouse_clerks_receiving_the_same_parcel_at_once_refund_it_once(
    tumbler, quiet_broker, monkeypatch
):
    delivered = delivered_order(tumbler)
    claim = ask_to_return(delivered)
    claim_approve_return(claim_id=claim.pk, actor="admin:ops")
    calls = []
    original = sandbox.SandboxCardProvider.refund
    monkeypatch.setattr(
        sandbox.SandboxCardProvider,
        "refund",
        lambda self, **kw: calls.append(kw) or original(self, **kw),
    )
    barrier = threading.Barrier(2)

    def receive(clerk: str) -> None:
        try:
            barrier.wait()
            claim_return_receive(claim_id=claim.pk, actor=f"admin:{clerk}")
        finally:
            connection.close()

    threads = [threading.Thread(target=receive, args=(c,)) for c in ("ana", "bo")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(calls) == 1
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.REFUNDED
    assert Payment.objects.get(order=delivered.order).refunded_amount == Decimal("129.00")
