"""Plant A never sees plant B's payouts, chargebacks or statement (RELIABILITY 26)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from production.models import FactoryStatus
from production.services.factory_status import factory_set_status
from production.services.settlement import ledger_adjust, ledger_charge_back
from tests.production.api.conftest import API, auth
from tests.production.settlement.conftest import ship_through_api

pytestmark = pytest.mark.django_db


def test_each_plant_sees_only_its_own_entries(client, plant, factory_key, plant_b, key_b, routed):
    [own] = routed(quantity=1)
    ship_through_api(client, factory_key, own, "SF-A")
    factory_set_status(factory_id=plant.pk, status=FactoryStatus.PAUSED, actor="olga")
    [theirs] = routed(quantity=1)
    ship_through_api(client, key_b, theirs, "SF-B")
    theirs.refresh_from_db()
    ledger_charge_back(work_order=theirs, amount=Decimal("9.00"), reason="r", claim_ref="CLM-B")
    ledger_adjust(factory=plant_b, amount=Decimal("-1.00"), reason="b only", actor="olga")

    mine = client.get(f"{API}statement/", **auth(factory_key)).json()
    exported = client.get(f"{API}statement.csv", **auth(factory_key)).content.decode()
    other = client.get(f"{API}statement/", **auth(key_b)).json()
    peek = client.get(f"{API}work-orders/{theirs.pk}/", **auth(factory_key))

    assert theirs.factory_id == plant_b.pk
    assert [e["work_order_number"] for e in mine["entries"]] == [own.number]
    assert mine["closing_balance"] == "112.70"
    assert theirs.number not in exported and "CLM-B" not in exported and "b only" not in exported
    # Plant B is a degree farther away: 222.39 km of shipping.
    assert [e["kind"] for e in other["entries"]] == ["payout", "chargeback", "adjustment"]
    assert own.number not in str(other)
    assert peek.status_code == 404
