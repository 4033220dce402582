"""``manage.py factory_status <code> pause|resume``: what an operator types when a plant
phones in a flood, and when it is back."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from production.models import WorkOrderEvent
from production.services.factory_status import factory_set_status
from production.services.routing import work_orders_route
from tests.production.routing_service.paused_plant import busy_plant

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("factory_status", *args, stdout=out)
    return out.getvalue()


def test_pausing_gives_unstarted_work_back_and_resuming_takes_offers_again(
    django_capture_on_commit_callbacks, settings
):
    busy = busy_plant(settings)

    # When the operator pauses the plant
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        said = run("best", "pause", "--reason", "flood", "--actor", "ops:olga")

    # Then its offered and unstarted accepted work goes back to routing, the started stays
    assert said == "best: paused; 2 work order(s) given back for re-routing.\n"
    assert len(callbacks) == 1  # one routing task for the work given back
    offered, accepted, started = busy.refreshed()
    assert busy.plant.status == "paused"
    assert [offered.status, accepted.status, started.status] == [
        "pending",
        "pending",
        "in_production",
    ]
    event = WorkOrderEvent.objects.get(work_order=accepted, type="factory_unavailable")
    assert (event.actor, event.data["reason"]) == ("ops:olga", "flood")
    # And the router offers it to the other plant, not to the paused one
    work_orders_route(work_order_ids=[offered.pk, accepted.pk])
    offered, accepted, _ = busy.refreshed()
    assert offered.factory == accepted.factory == busy.other

    # When it is resumed
    said = run("best", "resume")

    # Then it is active again and nothing is given back
    busy.plant.refresh_from_db()
    assert busy.plant.status == "active"
    assert said == "best: active; 0 work order(s) given back for re-routing.\n"


def test_an_unknown_or_offboarded_plant_is_refused_and_nothing_changes(settings):
    busy = busy_plant(settings)
    with pytest.raises(CommandError, match="No factory with code 'nowhere'"):
        run("nowhere", "pause")

    factory_set_status(factory_id=busy.plant.pk, status="offboarded", actor="ops")
    with pytest.raises(CommandError, match="offboarded cannot become active"):
        run("best", "resume")
    busy.plant.refresh_from_db()
    assert busy.plant.status == "offboarded"
