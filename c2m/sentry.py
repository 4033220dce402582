"""Error tracking: Sentry (or a compatible service) for the web processes and the Celery
workers, on when ``SENTRY_DSN`` is set. No personal data is sent; each event is tagged
with the request id (``c2m.request_id``) so it can be matched with the log lines."""

from __future__ import annotations

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration


def sentry_init(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration(), CeleryIntegration()],
    )
