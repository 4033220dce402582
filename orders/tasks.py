"""Celery tasks of the storefront side."""

from celery import shared_task

from orders.services.outbox import outbox_relay
from orders.services.warranties import warranty_care_reminders_send


@shared_task(name="orders.relay_outbox")
def relay_outbox() -> int:
    return outbox_relay()


@shared_task(name="orders.send_care_reminders")
def send_care_reminders() -> int:
    return warranty_care_reminders_send()
