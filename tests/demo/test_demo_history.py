"""The demo's seeded history gives the dashboard claims, paid services and returning
customers to show, made through the real services, and seeding it twice adds nothing."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from backoffice.selectors.dashboard.measures import measures
from backoffice.selectors.dashboard.orders import Period
from orders.models import Claim, Order
from production.models import PlantClaim, WorkOrder

# A refund calls the card gateway with no transaction open, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def quiet_broker(monkeypatch):
    """Keep the seeded orders' messages off Redis: the command drives production itself."""
    from orders.services import outbox

    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)


def test_the_seeded_history_has_claims_paid_services_and_returning_customers(
    tmp_path, quiet_broker
):
    call_command("seed_demo", keys_file=tmp_path / "keys.json", stdout=StringIO())
    out = StringIO()

    call_command("seed_demo_history", stdout=out)

    assert "6 orders through the shop and 3 claims" in out.getvalue()
    today = timezone.localdate()
    figures = measures(period=Period(today - timedelta(days=29), today))
    claim_rate = figures["claim_rate"]["current"]
    assert claim_rate["defective"] > 0 and claim_rate["per_thousand"] > 0
    service = figures["service_revenue"]["current"]
    assert service["service"] > 0 and service["share"] > 0
    repurchase = figures["repurchase"]["current"]
    assert repurchase["repeat"] > 0 and repurchase["rate"] > 0
    # Decided through the real services: a reprint at another plant, a refund, a rejection
    statuses = sorted(Claim.objects.values_list("status", flat=True))
    assert statuses == ["refunded", "rejected", "reprinting"]
    reprint = WorkOrder.objects.exclude(claim_number="").get()
    at_fault = PlantClaim.objects.get(claim_number=reprint.claim_number, decision="reprint")
    assert reprint.events.filter(type="plant_excluded", data__factory=at_fault.factory.code)

    # Seeding again adds nothing
    counts = (Order.objects.count(), Claim.objects.count(), WorkOrder.objects.count())
    again = StringIO()
    call_command("seed_demo_history", stdout=again)
    assert "already seeded" in again.getvalue()
    assert (Order.objects.count(), Claim.objects.count(), WorkOrder.objects.count()) == counts
