"""The dashboard's claim rate: defective pieces customers reported per 1,000 pieces shipped,
per plant, counted from claims filed through the real services (docs/measures.md)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from backoffice.selectors.dashboard.measures import measures
from backoffice.selectors.dashboard.orders import Period
from orders.services.claims import claim_file, claim_reject
from tests.orders.claims.conftest import photo, production_hears

pytestmark = pytest.mark.django_db


def _claim(delivered, reason: str, quantity: int):
    return claim_file(
        order_id=delivered.order.pk,
        line_id=delivered.order.lines.get().pk,
        reason=reason,
        quantity=quantity,
        description="Not right.",
        photos=[photo()],
        actor="customer:guest",
    )


def _rate() -> dict:
    today = timezone.localdate()
    return measures(period=Period(today, today))["claim_rate"]["current"]


def test_defects_customers_report_per_thousand_pieces_shipped(delivered):
    plant = delivered.plant.code
    # Given 3 pieces shipped today by the plant, and nothing claimed yet
    assert _rate() == {
        "defective": 0,
        "shipped": 3,
        "per_thousand": 0.0,
        "per_plant": {plant: 0.0},
    }
    # When a customer reports 2 misprinted pieces and 1 late one (late is no defect)
    misprint = _claim(delivered, "misprint", 2)
    _claim(delivered, "late", 1)
    production_hears()

    # Then 2 of 3 pieces: 666.7 per 1,000
    rate = _rate()
    assert (rate["defective"], rate["shipped"]) == (2, 3)
    assert rate["per_thousand"] == rate["per_plant"][plant] == 666.7

    # And a claim operators declined no longer counts
    claim_reject(claim_id=misprint.pk, reason="The engraving matches the proof.", actor="op")
    production_hears()
    assert _rate()["per_plant"][plant] == 0.0
