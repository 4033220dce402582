"""A shipment accrues the plant's payout once, whatever arrives twice or at once."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import IntegrityError, connections, transaction

from production.models import SettlementEntry, WorkOrder
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.settlement import InvalidAmount, ledger_charge_back, payout_accrue
from tests.production.api.conftest import API, auth
from tests.production.settlement.conftest import ship_through_api


def _ready_to_ship(plant, work_order: WorkOrder) -> WorkOrder:
    work_order_accept(factory=plant, work_order_id=work_order.pk, actor="t")
    work_order_report(
        factory=plant, work_order_id=work_order.pk, actor="t", event="started", data={}
    )
    return work_order_report(
        factory=plant, work_order_id=work_order.pk, actor="t", event="qc_passed", data={}
    )


@pytest.mark.django_db
def test_a_replayed_or_second_shipment_never_accrues_twice(client, plant, factory_key, routed):
    [work_order] = routed(quantity=1)
    ship_through_api(client, factory_key, work_order, "SF-1")
    events = f"{API}work-orders/{work_order.pk}/events/"
    shipped = {"type": "shipped", "carrier": "SF", "tracking_number": "SF-1"}

    replayed = client.post(events, shipped, "application/json", **auth(factory_key))
    keyed = [
        client.post(
            events,
            shipped | {"tracking_number": "SF-2"},
            "application/json",
            HTTP_IDEMPOTENCY_KEY="parcel-2",
            **auth(factory_key),
        )
        for _ in range(2)
    ]
    work_order.refresh_from_db()
    again = payout_accrue(work_order=work_order, actor="replay")

    assert replayed.status_code == 409
    assert replayed.json()["code"] == "duplicate_shipment"
    assert [r.status_code for r in keyed] == [200, 200]
    assert keyed[1]["Idempotent-Replayed"] == "true"
    entries = SettlementEntry.objects.filter(work_order=work_order)
    assert [(e.kind, e.amount, e.reference) for e in entries] == [
        ("payout", Decimal("112.70"), "SF SF-1")
    ]
    assert again == entries.get()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_shipment_reports_accrue_once(plant, routed):
    [work_order] = routed(quantity=1)
    _ready_to_ship(plant, work_order)
    start = threading.Barrier(2)

    def ship(tracking: str) -> str:
        try:
            start.wait()
            work_order_report(
                factory=plant,
                work_order_id=work_order.pk,
                actor="t",
                event="shipped",
                data={"carrier": "SF", "tracking_number": tracking},
            )
            return "shipped"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(ship, ["SF-A", "SF-B"]))

    assert outcomes == ["shipped", "shipped"]  # two parcels, both recorded
    assert work_order.shipments.count() == 2
    assert SettlementEntry.objects.filter(work_order=work_order).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_unique_index_alone_keeps_concurrent_accruals_to_one(plant, routed):
    # Without the work order's row lock (two workers replaying one shipment event at
    # once), the partial unique index is the last word.
    [work_order] = routed(quantity=1)
    work_order.refresh_from_db()
    start = threading.Barrier(4)

    def accrue(_: int) -> int:
        try:
            with transaction.atomic():
                start.wait()
                return payout_accrue(work_order=work_order, actor="replay").pk
        finally:
            connections.close_all()

    with ThreadPoolExecutor(4) as pool:
        ids = set(pool.map(accrue, range(4)))

    assert len(ids) == 1
    assert SettlementEntry.objects.filter(work_order=work_order).count() == 1


@pytest.mark.django_db
def test_the_ledger_is_never_updated_or_deleted(plant, routed):
    [work_order] = routed(quantity=1)
    work_order.refresh_from_db()
    entry = payout_accrue(work_order=work_order, actor="t")
    assert entry is not None

    with pytest.raises(IntegrityError), transaction.atomic():
        SettlementEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00"))
    with pytest.raises(IntegrityError), transaction.atomic():
        SettlementEntry.objects.filter(pk=entry.pk).delete()
    entry.refresh_from_db()
    assert entry.amount == Decimal("112.70")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("amount", "kwargs", "field"),
    [
        (Decimal("0"), {}, "amount"),
        (Decimal("-3.00"), {}, "amount"),
        (Decimal("1.005"), {}, "amount"),
        (Decimal("NaN"), {}, "amount"),
        (Decimal("3.00"), {"currency": "USD"}, "currency"),
        (Decimal("3.00"), {"claim_ref": ""}, "claim_ref"),
    ],
)
def test_a_chargeback_refuses_what_is_not_a_charge(plant, routed, amount, kwargs, field):
    [work_order] = routed(quantity=1)
    _ready_to_ship(plant, work_order)
    work_order_report(
        factory=plant,
        work_order_id=work_order.pk,
        actor="t",
        event="shipped",
        data={"carrier": "SF", "tracking_number": "SF-1"},
    )
    work_order.refresh_from_db()
    arguments = {"work_order": work_order, "amount": amount, "reason": "reprint", "claim_ref": "C1"}

    with pytest.raises(InvalidAmount) as refused:
        ledger_charge_back(**(arguments | kwargs))

    assert list(refused.value.errors) == [field]
    assert not SettlementEntry.objects.exclude(kind="payout").exists()


@pytest.mark.django_db
def test_nothing_is_charged_back_for_work_that_never_shipped(plant, routed):
    [work_order] = routed(quantity=1)
    work_order.refresh_from_db()

    with pytest.raises(InvalidAmount) as refused:
        ledger_charge_back(
            work_order=work_order, amount=Decimal("5.00"), reason="r", claim_ref="C1"
        )

    assert list(refused.value.errors) == ["work_order"]
    assert not SettlementEntry.objects.exists()
