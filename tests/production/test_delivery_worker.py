"""The sandbox carrier end to end: the beat task on a real Celery worker delivers the order."""

from __future__ import annotations

from unittest import mock

import pytest

from orders.models import Order
from production.models import Shipment
from production.tasks import track_parcels
from tests.conftest import wait_for
from tests.factories import PlantFactory
from tests.production.test_delivery import made_and_passed_qc, ship

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sandbox_tracks_sf(monkeypatch) -> None:
    """The worker's environment: SF Express parcels tracked, delivered as soon as shipped."""
    monkeypatch.setenv("SANDBOX_TRACKED_CARRIERS", "SF Express")
    monkeypatch.setenv("SANDBOX_OUT_FOR_DELIVERY_MINUTES", "0")
    monkeypatch.setenv("SANDBOX_DELIVERED_MINUTES", "0")


def test_the_track_parcels_task_on_a_worker_delivers_the_order(
    sandbox_tracks_sf, celery_worker_process
):
    # Given an order shipped in two SF Express parcels (planned here, not by the worker)
    plant = PlantFactory(code="sz")
    with mock.patch("orders.services.outbox._send"):
        work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100", "SF200")

    # When beat's task runs on the worker, twice (a re-delivered message)
    track_parcels.delay()
    track_parcels.delay()

    # Then both parcels and the order are delivered, once
    order = Order.objects.get(pk=work_order.order_id)
    wait_for(lambda: Order.objects.get(pk=order.pk).status == "delivered", timeout=60)
    assert set(Shipment.objects.values_list("tracking_status", flat=True)) == {"delivered"}
    assert order.events.filter(code="parcel_delivered").count() == 2
    assert order.events.filter(code="delivered").count() == 1
