"""Operators pause and resume a plant from the factory list, through ``factory_set_status``."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from production.models import WorkOrderEvent
from production.services.factory_status import factory_set_status
from tests.production.routing_service.paused_plant import busy_plant

pytestmark = pytest.mark.django_db
FACTORIES = reverse("admin:production_factory_changelist")


def said(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_operator_pauses_a_plant_with_a_reason_and_its_unstarted_work_is_rerouted(
    as_operator, django_capture_on_commit_callbacks, settings
):
    busy = busy_plant(settings)
    selected = {"action": "pause", "_selected_action": [busy.plant.pk]}

    # When the operator picks "pause", the admin first asks why
    page = as_operator.post(FACTORIES, selected)
    assert page.status_code == 200 and "Pause factories: why?" in page.content.decode()
    busy.refreshed()
    assert busy.plant.status == "active"

    # And when they say why
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        done = as_operator.post(
            FACTORIES, {**selected, "apply": "1", "reason": "flood"}, follow=True
        )

    # Then the plant is paused and its offered and unstarted work goes back to routing
    assert done.redirect_chain == [(FACTORIES, 302)]
    offered, accepted, started = busy.refreshed()
    assert busy.plant.status == "paused"
    assert (offered.status, accepted.status, started.status) == (
        "pending",
        "pending",
        "in_production",
    )
    assert len(callbacks) == 1  # the routing task for the work given back
    event = WorkOrderEvent.objects.get(work_order=offered, type="factory_unavailable")
    assert (event.actor, event.data["reason"]) == ("admin:olga", "flood")
    assert LogEntry.objects.get(object_id=str(busy.plant.pk)).get_change_message() == (
        "Status set to paused. flood"
    )
    assert said(done) == ["best: paused; 2 work order(s) given back for re-routing."]


def test_operator_resumes_a_paused_plant_but_not_an_offboarded_one(as_operator, settings):
    busy = busy_plant(settings)
    factory_set_status(factory_id=busy.plant.pk, status="paused", actor="ops")
    factory_set_status(factory_id=busy.other.pk, status="offboarded", actor="ops")

    done = as_operator.post(
        FACTORIES,
        {"action": "resume", "_selected_action": [busy.plant.pk, busy.other.pk]},
        follow=True,
    )

    busy.refreshed()
    busy.other.refresh_from_db()
    assert (busy.plant.status, busy.other.status) == ("active", "offboarded")
    assert said(done) == [
        "best: active; 0 work order(s) given back for re-routing.",
        "second: A factory that is offboarded cannot become active.",
    ]


def test_factory_staff_cannot_pause_plants(as_staff_a, plant_a):
    as_staff_a.post(
        FACTORIES,
        {"action": "pause", "_selected_action": [plant_a.pk], "apply": "1", "reason": "x"},
    )
    plant_a.refresh_from_db()
    assert plant_a.status == "active"
