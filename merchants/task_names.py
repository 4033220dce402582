"""Merchant tasks by name, for ``c2m.scheduling.task_enqueue`` and beat (``c2m.celery``)."""

DELIVER_WEBHOOK = "merchants.deliver_webhook"
SWEEP_WEBHOOKS = "merchants.sweep_webhooks"
FOLLOW_PRODUCTION = "merchants.follow_production"
PURGE_IDEMPOTENCY_KEYS = "merchants.purge_idempotency_keys"
FOLLOW_CLAIMS = "merchants.follow_claims"
RECORD_BOOKING_DECISIONS = "merchants.record_booking_decisions"
FETCH_ARTWORK = "merchants.fetch_artwork"
