"""The health endpoint tells the proxy and the orchestrator what is down."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def _checks(response) -> dict[str, str]:
    return {name.split("(")[0]: state for name, state in response.json().items()}


def test_everything_up_with_a_worker_is_200(client, celery_worker_process):
    response = client.get("/health/", {"format": "json"})

    assert response.status_code == 200
    assert set(_checks(response)) >= {"Database", "Cache", "Redis", "Ping"}
    assert set(_checks(response).values()) == {"OK"}


def test_the_broker_down_is_a_500_naming_it(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there

    response = client.get("/health/", {"format": "json"})

    assert response.status_code == 500
    checks = _checks(response)
    assert checks["Redis"] != "OK" and checks["Database"] == "OK"


def test_liveness_asks_nothing(client):
    assert client.get("/health/live/").content == b"ok"
