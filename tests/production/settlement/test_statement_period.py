"""A plant's statement for a period equals the hand-computed sum of what it shipped, minus
chargebacks, plus adjustments, on top of what it was owed before (issue #18, items 6-7).

Hand computation (plant A, one degree south of the customer; minute rate 0.50; no material
rates; shipping 1 per km over 111.195 km = 111.20 per work order; the router rounds each
work centre's minutes up to whole minutes):
- quantity 1: QC 0.3 -> 1 min, packing 1.0 + 0.3 -> 2 min: 3 min x 0.50 = 1.50 + 111.20
  = 112.70
- quantity 4: QC 1.2 -> 2 min, packing 1.0 + 1.2 -> 3 min: 5 min x 0.50 = 2.50 + 111.20
  = 113.70
November: one quantity-1 order shipped: opening balance 112.70.
December: a quantity-1 and a quantity-4 order shipped (226.40), a reprint of 30.00 charged
back on the first, an adjustment of +5.00: closing 112.70 + 226.40 - 30.00 + 5.00 = 314.10.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.utils.dateparse import parse_datetime
from freezegun import freeze_time

from production.services.settlement import ledger_adjust, ledger_charge_back
from tests.production.api.conftest import API, auth
from tests.production.settlement.conftest import ship_through_api

pytestmark = pytest.mark.django_db

DECEMBER = {"start": "2026-12-01", "end": "2026-12-31"}


def test_a_plant_sees_its_payout_and_deadline_before_accepting(client, plant, factory_key, routed):
    with freeze_time("2026-12-03 02:00:00"):
        [work_order] = routed(quantity=4)
        body = client.get(f"{API}work-orders/{work_order.pk}/", **auth(factory_key)).json()

    assert body["status"] == "offered"
    assert body["payout"] == {"amount": "113.70", "currency": "CNY"}
    # The plant's offer SLA is 4 hours.
    assert parse_datetime(body["offer_expires_at"]) == parse_datetime("2026-12-03T06:00:00Z")


def test_the_statement_adds_up_to_the_hand_computed_period(client, plant, factory_key, routed):
    with freeze_time("2026-11-28 03:00:00", tick=True):
        [november] = routed(quantity=1)
        ship_through_api(client, factory_key, november, "SF-NOV")
    with freeze_time("2026-12-03 03:00:00", tick=True):
        [first] = routed(quantity=1)
        [second] = routed(quantity=4)
        ship_through_api(client, factory_key, first, "SF-1")
        ship_through_api(client, factory_key, second, "SF-2")
        first.refresh_from_db()
        ledger_charge_back(
            work_order=first,
            amount=Decimal("30.00"),
            reason="reprint: scratched",
            claim_ref="CLM-1",
        )
        # The claims service approving the same claim again charges nothing more.
        ledger_charge_back(
            work_order=first,
            amount=Decimal("30.00"),
            reason="reprint: scratched",
            claim_ref="CLM-1",
        )
        ledger_adjust(factory=plant, amount=Decimal("5.00"), reason="cartons", actor="olga")

    statement = client.get(f"{API}statement/", DECEMBER, **auth(factory_key)).json()

    assert {k: statement[k] for k in statement if k != "entries"} == {
        "factory": "plant-a",
        "start": "2026-12-01",
        "end": "2026-12-31",
        "currency": "CNY",
        "opening_balance": "112.70",
        "payouts": "226.40",
        "chargebacks": "-30.00",
        "adjustments": "5.00",
        "bookings": "0.00",
        "closing_balance": "314.10",
    }
    assert [
        (e["kind"], e["work_order_number"], e["amount"], e["balance"]) for e in statement["entries"]
    ] == [
        ("payout", first.number, "112.70", "225.40"),
        ("payout", second.number, "113.70", "339.10"),
        ("chargeback", first.number, "-30.00", "309.10"),
        ("adjustment", "", "5.00", "314.10"),
    ]
    assert statement["entries"][0]["reference"] == "SF SF-1"
    assert statement["entries"][2]["reference"] == "CLM-1"

    november_statement = client.get(
        f"{API}statement/", {"start": "2026-11-01", "end": "2026-11-30"}, **auth(factory_key)
    ).json()
    assert (november_statement["opening_balance"], november_statement["closing_balance"]) == (
        "0.00",
        "112.70",
    )

    exported = client.get(f"{API}statement.csv", DECEMBER, **auth(factory_key))
    assert exported["Content-Type"].startswith("text/csv")
    assert "statement-plant-a-2026-12-01-2026-12-31.csv" in exported["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    assert rows[0][:2] == ["booked_at", "kind"]
    assert rows[1][1:] == ["opening_balance", "", "", "", "", "", "CNY", "112.70"]
    assert [r[6] for r in rows[2:-1]] == ["112.70", "113.70", "-30.00", "5.00"]
    assert rows[-1] == ["2026-12-31", "closing_balance", "", "", "", "", "", "CNY", "314.10"]


def test_the_default_period_is_the_current_month(client, plant, factory_key):
    with freeze_time("2026-02-14 12:00:00"):
        statement = client.get(f"{API}statement/", **auth(factory_key)).json()

    assert (statement["start"], statement["end"]) == ("2026-02-01", "2026-02-28")
    assert statement["entries"] == []
    assert statement["closing_balance"] == "0.00"


@pytest.mark.parametrize(
    ("query", "field", "status"),
    [
        ({"start": "2026-12-31", "end": "2026-12-01"}, "end", 422),
        ({"start": "2025-01-01", "end": "2026-12-31"}, "end", 422),
        ({"start": "yesterday"}, "start", 400),
        ({"start": "9999-12-31"}, "start", 422),
        ({"start": "2026-12-01", "end": "0001-01-01"}, "end", 422),
    ],
)
def test_a_bad_period_is_a_structured_4xx(client, factory_key, query, field, status):
    for path in ("statement/", "statement.csv"):
        response = client.get(f"{API}{path}", query, **auth(factory_key))

        assert response.status_code == status
        assert set(response.json()) >= {"code", "detail", "errors"}
        assert list(response.json()["errors"]) == [field]


def test_statement_entries_are_booked_in_the_shop_time_zone(client, plant, factory_key, routed):
    # 2026-11-30 17:00 UTC is already 1 December in Shanghai.
    with freeze_time("2026-11-30 17:00:00", tick=True):
        [work_order] = routed(quantity=1)
        ship_through_api(client, factory_key, work_order, "SF-MIDNIGHT")

    december = client.get(f"{API}statement/", DECEMBER, **auth(factory_key)).json()

    assert [e["amount"] for e in december["entries"]] == ["112.70"]
    assert december["opening_balance"] == "0.00"
