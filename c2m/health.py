"""The health endpoint for the proxy and the orchestrator (django-health-check).

``/health/`` answers 200 when the database, the cache, the broker (Redis or RabbitMQ) and
at least one Celery worker answer, else 500 naming what failed (``?format=json`` or
``Accept: application/json`` for machines). A process-only liveness probe should use
``/health/live/``, which checks nothing beyond the web process itself.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from health_check.views import HealthCheckView
from redis.asyncio import Redis


def _broker_redis() -> Redis:
    return Redis.from_url(settings.CELERY_BROKER_URL)


def broker_check() -> tuple[str, dict[str, Any]]:
    """The broker's own check: Redis answers a ping, RabbitMQ opens a channel."""
    if settings.CELERY_BROKER_URL.startswith("amqp"):
        return ("health_check.contrib.rabbitmq.RabbitMQ", {"amqp_url": settings.CELERY_BROKER_URL})
    return ("health_check.contrib.redis.Redis", {"client_factory": _broker_redis})


CHECKS = (
    "health_check.checks.Database",
    "health_check.checks.Cache",
    broker_check(),
    ("health_check.contrib.celery.Ping", {"timeout": timedelta(seconds=2)}),
)

health = HealthCheckView.as_view(checks=CHECKS)


def live(request: HttpRequest) -> HttpResponse:
    """The web process is up and serving (no dependency is asked)."""
    return HttpResponse("ok", content_type="text/plain")
