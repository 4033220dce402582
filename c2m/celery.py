"""The Celery app, and every periodic schedule of the platform, declared in one place."""

import os

from celery import Celery

# Connects the signal handlers that bind each task's request ids for its log lines.
import c2m.request_id  # noqa: F401

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "c2m.settings.production")

app = Celery("c2m")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Redis re-delivers anything unacknowledged after the visibility timeout (1 h), countdowns
# included: a longer delay must be scheduled by beat from the database, never by countdown.
MAX_COUNTDOWN_SECONDS = 600

app.conf.beat_schedule = {
    "relay-outbox": {"task": "orders.relay_outbox", "schedule": 5.0},
    # Emails a mail server outage or a lost message left pending: to customers, and the
    # decisions on business and plant applications.
    "send-emails": {"task": "orders.send_emails", "schedule": 60.0},
    "send-business-application-emails": {
        "task": "merchants.send_application_emails",
        "schedule": 60.0,
    },
    "send-plant-application-emails": {
        "task": "production.send_application_emails",
        "schedule": 60.0,
    },
    # Charges and refunds the provider did not answer, PAYMENT_INTENT_RECONCILE_MINUTES on.
    "reconcile-payment-intents": {"task": "orders.reconcile_payment_intents", "schedule": 60.0},
    # "On its way" emails, C2M_PARCEL_EMAIL_DELAY_SECONDS after a parcel's first report.
    "announce-parcels": {"task": "orders.announce_parcels", "schedule": 30.0},
    # Invoice orders unpaid after INVOICE_PAYMENT_DAYS are cancelled (the shopper is told).
    "expire-unpaid-invoices": {"task": "orders.expire_unpaid_invoices", "schedule": 3600.0},
    "sweep-webhooks": {"task": "production.sweep_webhooks", "schedule": 30.0},
    "purge-idempotency-keys": {"task": "production.purge_idempotency_keys", "schedule": 3600.0},
    "merchant-webhooks": {"task": "merchants.sweep_webhooks", "schedule": 30.0},
    "merchant-follow-production": {"task": "merchants.follow_production", "schedule": 15.0},
    # A claim on a merchant order: one signed claim.updated webhook per timeline entry.
    "merchant-follow-claims": {"task": "merchants.follow_claims", "schedule": 15.0},
    "merchant-idempotency-keys": {"task": "merchants.purge_idempotency_keys", "schedule": 3600.0},
    "route-pending": {"task": "production.route_pending", "schedule": 60.0},
    "expire-offers": {"task": "production.expire_offers", "schedule": 300.0},
    # Parcels of carriers in settings.C2M_CARRIER_TRACKING (the demo's sandbox carrier).
    "track-parcels": {"task": "production.track_parcels", "schedule": 60.0},
    "flag-late-work": {"task": "production.flag_late_work", "schedule": 3600.0},
    "materialize-capacity": {"task": "production.materialize_capacity", "schedule": 6 * 3600.0},
    # Durable goods' care reminders (one email per delivered item, half a year on).
    "send-care-reminders": {"task": "orders.send_care_reminders", "schedule": 3600.0},
    "refresh-factory-quality": {
        "task": "production.refresh_factory_quality",
        "schedule": 24 * 3600.0,
    },
}
