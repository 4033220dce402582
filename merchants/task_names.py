"""Merchant tasks by name, for ``c2m.scheduling.task_enqueue`` and beat (``c2m.celery``)."""

DELIVER_WEBHOOK = "merchants.deliver_webhook"
SWEEP_WEBHOOKS = "merchants.sweep_webhooks"
FOLLOW_PRODUCTION = "merchants.follow_production"
PURGE_IDEMPOTENCY_KEYS = "merchants.purge_idempotency_keys"
FETCH_ARTWORK = "merchants.fetch_artwork"
