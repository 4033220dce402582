"""Factory-API fixtures: offered work orders made the way production makes them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import signals
from django.db import close_old_connections

from orders.models import OutboxMessage
from production.models import WorkOrder
from production.services.api_keys import api_key_create
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product, place_order
from tests.production.api.schema_fuzzing import Credentials, credentials_make

API = "/api/factory/v1/"


def auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Api-Key {key}"}


@pytest.fixture
def make_offered(plant) -> Callable[[], WorkOrder]:
    """Place, plan and route one order; return its work order, offered to ``plant``."""
    product = demo_product()

    def make() -> WorkOrder:
        place_order(product, {"finish": "brushed"})
        message = OutboxMessage.objects.filter(processed_at__isnull=True).latest("pk")
        ids = orders_plan(message_ids=[message.pk])
        work_orders_route(work_order_ids=ids)
        return WorkOrder.objects.get(pk=ids[0])

    return make


@pytest.fixture
def offered(make_offered) -> WorkOrder:
    return make_offered()


@pytest.fixture
def in_production(offered, plant) -> WorkOrder:
    work_order_accept(factory=plant, work_order_id=offered.pk, actor="test")
    return work_order_report(
        factory=plant, work_order_id=offered.pk, actor="test", event="started", data={}
    )


@pytest.fixture
def qc_passed(in_production, plant) -> WorkOrder:
    return work_order_report(
        factory=plant, work_order_id=in_production.pk, actor="test", event="qc_passed", data={}
    )


@pytest.fixture
def other_key(db) -> str:
    """A key of a second factory that cannot make anything, so it is never offered work."""
    return api_key_create(factory=PlantFactory(capabilities=()), name="rival")[1]


@pytest.fixture
def in_process_wsgi():
    """Keep the test's connection open across requests, as Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_credentials(offered, factory_key) -> Credentials:
    """Real keys and objects made through the services, for schemathesis to aim at."""
    return credentials_make(offered=offered, factory_key=factory_key)
