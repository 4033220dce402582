"""Celery tasks of the storefront side."""

from celery import shared_task

from orders.services.emails import order_emails_send
from orders.services.invoices import invoices_expire
from orders.services.outbox import outbox_relay
from orders.services.parcels import parcels_announce
from orders.services.payments.intents import payment_intents_reconcile
from orders.services.warranties import warranty_care_reminders_send


@shared_task(name="orders.relay_outbox")
def relay_outbox() -> int:
    return outbox_relay()


@shared_task(name="orders.send_care_reminders")
def send_care_reminders() -> int:
    return warranty_care_reminders_send()


@shared_task(name="orders.announce_parcels")
def announce_parcels() -> int:
    return parcels_announce()


@shared_task(name="orders.expire_unpaid_invoices")
def expire_unpaid_invoices() -> int:
    return len(invoices_expire())


@shared_task(name="orders.reconcile_payment_intents")
def reconcile_payment_intents() -> int:
    """Settle charges and refunds left pending or unknown (idempotent)."""
    return payment_intents_reconcile()


@shared_task(name="orders.send_emails")
def send_emails(email_ids: list[int] | None = None) -> int:
    """Send these emails to customers (beat: every pending one that is due; idempotent)."""
    return order_emails_send(email_ids=email_ids)
