"""Operators' shell commands do what the admin does, through the same services."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from orders.models import OutboxMessage
from production.models import WorkOrder
from production.services.factory_actions import work_order_accept
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product, place_order

pytestmark = pytest.mark.django_db
API = "/api/factory/v1/work-orders/"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def _planned_tumbler() -> WorkOrder:
    place_order(demo_product(), {"finish": "brushed"})
    [pk] = orders_plan(message_ids=list(OutboxMessage.objects.values_list("pk", flat=True)))
    return WorkOrder.objects.get(pk=pk)


def test_a_key_issued_in_the_shell_works_until_it_is_revoked(client, plant):
    printed = run("factory_key", "issue", plant.code, "line 2 tablet")
    key = printed.split()[0]
    prefix = key.split("_")[1]

    assert client.get(API, HTTP_AUTHORIZATION=f"Api-Key {key}").status_code == 200
    assert f"{prefix}  active    line 2 tablet" in run("factory_key", "list", plant.code)

    run("factory_key", "revoke", prefix)

    assert client.get(API, HTTP_AUTHORIZATION=f"Api-Key {key}").status_code == 401
    assert "revoked" in run("factory_key", "list", plant.code)


def test_unknown_factories_and_keys_are_named_errors():
    with pytest.raises(CommandError, match="No factory with code 'nope'"):
        run("factory_key", "issue", "nope", "x")
    with pytest.raises(CommandError, match="No key with prefix"):
        run("factory_key", "revoke", "deadbeef")


def test_rerouting_in_the_shell_offers_the_work_to_another_plant(plant):
    other = PlantFactory(code="other-plant")
    work_order = _planned_tumbler()
    work_orders_route(work_order_ids=[work_order.pk])
    work_order.refresh_from_db()
    first = work_order.factory_id

    run("work_order_reroute", work_order.number, "--reason", "plant asked us to")
    work_orders_route(work_order_ids=[work_order.pk])

    work_order.refresh_from_db()
    assert work_order.status == "offered"
    assert work_order.factory_id != first and work_order.factory_id in {plant.pk, other.pk}
    assert work_order.events.filter(data__reason="plant asked us to").exists()


def test_rerouting_accepted_work_is_refused_with_the_reason(plant):
    work_order = _planned_tumbler()
    work_orders_route(work_order_ids=[work_order.pk])
    work_order_accept(factory=plant, work_order_id=work_order.pk, actor="plant")

    with pytest.raises(CommandError, match="accepted"):
        run("work_order_reroute", work_order.number, "--reason", "x")


def test_missing_files_are_made_in_the_shell_and_a_rerun_makes_none(plant):
    work_order = _planned_tumbler()

    first = run("work_order_files", work_order.number)
    again = run("work_order_files", work_order.number)

    assert "files ready" in first and "made 0 file(s)" not in first
    assert f"{work_order.number}: made 0 file(s), files ready" in again
    with pytest.raises(CommandError, match="No work order WO-NOPE"):
        run("work_order_files", "WO-NOPE")
