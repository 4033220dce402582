"""Celery tasks of the storefront side."""

from celery import shared_task

from orders.services.outbox import outbox_relay
from orders.services.parcels import parcels_announce


@shared_task(name="orders.relay_outbox")
def relay_outbox() -> int:
    return outbox_relay()


@shared_task(name="orders.announce_parcels")
def announce_parcels() -> int:
    return parcels_announce()
