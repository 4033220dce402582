"""The file list when a file cannot be made: the plant is told, the operator sees why."""

from __future__ import annotations

import dataclasses

import pytest

from imaging import fonts
from orders.models import OutboxMessage
from production.models import WorkOrder
from production.services.planning import orders_plan
from production.services.production_files import work_order_files_generate
from production.services.routing import work_orders_route
from tests.factories import demo_product, place_order
from tests.production.api.conftest import API, auth

pytestmark = pytest.mark.django_db


@pytest.fixture
def kai_font_uninstalled(monkeypatch, tmp_path):
    gone = dataclasses.replace(fonts.FACES["ukai"], path=tmp_path / "ukai.ttc")
    monkeypatch.setitem(fonts.FACES, "ukai", gone)
    caches = (fonts._cmap, fonts.ttfont, fonts._load)
    for cache in caches:
        cache.cache_clear()
    yield
    monkeypatch.undo()
    for cache in caches:
        cache.cache_clear()


def test_an_engraving_that_cannot_be_made_says_failed_and_names_the_missing_font(
    client, plant, factory_key, kai_font_uninstalled
):
    order = place_order(
        demo_product(), {"finish": "brushed", "engraving": {"text": "李伟", "font": "kai"}}
    )
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
    ids = orders_plan(message_ids=[message.pk])
    work_orders_route(work_order_ids=ids)
    work_order = WorkOrder.objects.get(pk=ids[0])

    work_order_files_generate(work_order_id=work_order.pk)
    detail = client.get(f"{API}work-orders/{work_order.pk}/", **auth(factory_key)).json()

    assert detail["files_status"] == "failed"
    # Nothing drawn in a substitute face is handed to the plant.
    assert not any(f["name"].startswith("engraving") for f in detail["files"])
    errors = [e.data["error"] for e in work_order.events.filter(type="files_failed")]
    assert errors and all("fonts-arphic-ukai" in error for error in errors)
