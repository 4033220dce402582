"""Delivery across processes and threads: the sandbox carrier's beat task on a real Celery
worker, and two plants of a split order reporting their last parcels at the same time."""

from __future__ import annotations

import threading
import time
from unittest import mock

import pytest
from django.db import connection, transaction

from orders.models import Order
from production.models import Shipment, WorkOrder
from production.services.delivery import shipment_delivered
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


def test_two_plants_delivering_the_last_parcels_at_once_deliver_the_order():
    # Given one order split over two plants, each work order shipped in one parcel
    east, west = PlantFactory(code="east"), PlantFactory(code="west")
    with mock.patch("orders.services.outbox._send"):
        first = made_and_passed_qc(east)
    second = WorkOrder.objects.get(pk=first.pk)
    second.pk, second.number, second.part, second.factory = None, f"{first.number}-2", 2, west
    second.save()
    ship(east, first, "SF100")
    ship(west, second, "JD200")
    assert Order.objects.get(pk=first.order_id).status == "shipped"

    # When the first plant's delivery is still being committed while the second reports
    reported = threading.Event()

    def east_reports() -> None:
        try:
            with transaction.atomic():
                shipment_delivered(work_order_id=first.pk, tracking_number="SF100", actor="e")
                reported.set()
                time.sleep(1.0)
        finally:
            connection.close()

    def west_reports() -> None:
        try:
            reported.wait(10)
            shipment_delivered(work_order_id=second.pk, tracking_number="JD200", actor="w")
        finally:
            connection.close()

    threads = [threading.Thread(target=east_reports), threading.Thread(target=west_reports)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    # Then the order is delivered: neither report read the other's work order stale
    assert Order.objects.get(pk=first.order_id).status == "delivered"
