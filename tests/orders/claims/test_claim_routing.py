"""An approved reprint and an approved repair visit reach the router through the routing
task, called once with the list of their ids (the task's one argument), and are offered
at once rather than by the next routing sweep."""

from __future__ import annotations

from typing import Any

import pytest

from c2m import scheduling
from orders.services.claim_services import claim_approve_repair
from orders.services.claims import claim_approve_reprint, claim_file
from production.models import WorkOrder
from production.task_names import ROUTE_WORK_ORDERS
from production.tasks import route_work_orders
from tests.factories import PlantFactory
from tests.orders.claims.conftest import delivered_order, photo, production_hears
from tests.orders.claims.test_repair_visits import a_delivered_table, ask_for_a_visit

pytestmark = pytest.mark.django_db


def test_an_approved_reprint_and_visit_are_routed_by_one_call_of_the_routing_task(
    tumbler, quiet_broker, monkeypatch, django_capture_on_commit_callbacks
):
    # Given a delivered tumbler misprinted by its plant, and another plant that makes them
    tumbler_order = delivered_order(tumbler)
    other_plant = PlantFactory(code="hz-engrave", city="Hangzhou", latitude=30.27, longitude=120.15)
    misprint = claim_file(
        order_id=tumbler_order.order.pk,
        line_id=tumbler_order.order.lines.get().pk,
        reason="misprint",
        quantity=2,
        description="The engraving is cut off on the left.",
        photos=[photo()],
        actor="customer:guest",
    )
    claim_approve_reprint(claim_id=misprint.pk, plant_at_fault=True, actor="admin:op")
    # And a delivered table under warranty whose owner asked for a visit, approved
    table_order, _maker, service_crew = a_delivered_table(maker_repairs=False)
    visit_claim = ask_for_a_visit(table_order)
    claim_approve_repair(claim_id=visit_claim.pk, actor="admin:op", message="We will call.")
    # And the broker replaced by a worker that runs the routing task at once
    sent: list[tuple[str, list[Any]]] = []

    def send(name: str, args: list[Any], options: dict[str, Any]) -> None:
        sent.append((name, args))
        if name == ROUTE_WORK_ORDERS:
            route_work_orders.apply(args=args).get()  # raises what the worker would

    monkeypatch.setattr(scheduling, "_send", send)

    # When production hears the decisions and the transaction commits
    with django_capture_on_commit_callbacks(execute=True):
        created = production_hears()

    # Then the routing task was called once, with one argument: the list of both ids
    reprint = WorkOrder.objects.get(claim_number=misprint.number)
    visit = WorkOrder.objects.get(claim_number=visit_claim.number)
    assert sorted(created) == sorted([reprint.pk, visit.pk])
    [routed] = [args for name, args in sent if name == ROUTE_WORK_ORDERS]
    assert len(routed) == 1 and sorted(routed[0]) == sorted([reprint.pk, visit.pk])
    # And both were offered there and then: the reprint away from the plant at fault
    reprint.refresh_from_db()
    visit.refresh_from_db()
    assert (reprint.status, reprint.factory) == ("offered", other_plant)
    assert (visit.status, visit.factory) == ("offered", service_crew)
