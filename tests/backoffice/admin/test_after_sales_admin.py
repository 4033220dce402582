"""Operators decide repair requests and returns in the claims admin: approving a return
issues its label, marking it received refunds it once (marking it again does not refund
twice), approving a repair sends production a service visit; a decision of another kind
of claim is refused with a message."""

from __future__ import annotations

from decimal import Decimal

import pytest

from orders.models import Claim, ClaimKind, OutboxMessage, Payment
from orders.services.claims import claim_file
from tests.backoffice.admin.test_claim_triage import decide
from tests.factories import PlantFactory, demo_product
from tests.orders.claims.conftest import delivered_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_return(db, monkeypatch) -> Claim:
    from orders.services import outbox

    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)
    PlantFactory(code="sz-engrave", city="Shenzhen")
    order = delivered_order(demo_product("TUMBLER-ENGRAVED"), quantity=2).order
    return claim_file(
        order_id=order.pk,
        line_id=order.lines.get().pk,
        kind=ClaimKind.RETURN,
        reason="changed_mind",
        quantity=1,
        description="A gift nobody wanted.",
        actor="customer",
    )


@pytest.mark.django_db(transaction=True)  # the refund runs with no transaction open
def test_an_operator_approves_a_return_then_marks_it_received_twice(as_operator, a_return):
    page = decide(as_operator, a_return, decision="return").content.decode()
    claim = Claim.objects.get(pk=a_return.pk)
    assert claim.status == "return_approved" and claim.return_reference
    assert claim.return_reference in page

    decide(as_operator, a_return, decision="return_received")
    page = decide(as_operator, a_return, decision="return_received").content.decode()

    claim.refresh_from_db()
    assert claim.status == "refunded" and claim.refund_amount == Decimal("129.00")
    assert Payment.objects.get(order=claim.order).refunded_amount == Decimal("129.00")
    assert "is now Refunded" in page


def test_a_reprint_is_refused_for_a_return(as_operator, a_return):
    page = decide(as_operator, a_return, decision="reprint").content.decode()

    assert "cannot become reprinting" in page
    assert Claim.objects.get(pk=a_return.pk).status == "open"
    assert not OutboxMessage.objects.filter(topic__startswith="claim.").exists()
