"""Admin actions go through the transition services: status, event rows, actor."""

from __future__ import annotations

import pytest
from django.urls import reverse

from production.models import Shipment, WorkOrderEvent, WorkOrderStatus
from production.services.factory_actions import work_order_accept
from tests.backoffice.admin.conftest import planned_work_order

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:production_workorder_changelist")
S = WorkOrderStatus


def act(client, action: str, work_order, **data):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [work_order.pk], **data}, follow=True
    )


def last_event(work_order) -> WorkOrderEvent:
    return WorkOrderEvent.objects.filter(work_order=work_order).latest("pk")


def test_accept_moves_to_accepted_and_records_the_staff_user(as_staff_a, wo_a):
    act(as_staff_a, "accept", wo_a)

    wo_a.refresh_from_db()
    assert wo_a.status == S.ACCEPTED
    event = last_event(wo_a)
    assert (event.type, event.from_status, event.to_status) == ("accepted", "offered", "accepted")
    assert event.actor == "factory:plant-a:admin:alice"


def test_decline_asks_for_a_reason_then_declines_and_reroutes(
    as_staff_a, wo_a, django_capture_on_commit_callbacks
):
    page = act(as_staff_a, "decline", wo_a)
    assert b"reason_code" in page.content
    wo_a.refresh_from_db()
    assert wo_a.status == S.OFFERED

    with django_capture_on_commit_callbacks() as callbacks:
        act(as_staff_a, "decline", wo_a, apply="1", reason_code="no_capacity", reason="full")

    wo_a.refresh_from_db()
    assert wo_a.status == S.PENDING and wo_a.factory is None
    assert last_event(wo_a).data == {
        "factory": "plant-a",
        "reason_code": "no_capacity",
        "reason": "full",
    }
    assert len(callbacks) == 1  # route_work_orders enqueued after commit


def test_start_qc_and_ship_follow_the_machine(as_staff_a, wo_a):
    act(as_staff_a, "accept", wo_a)
    act(as_staff_a, "start", wo_a)
    act(as_staff_a, "qc_failed", wo_a, apply="1", reason="seam open")
    act(as_staff_a, "rework", wo_a)
    act(as_staff_a, "qc_passed", wo_a)
    page = act(as_staff_a, "ship", wo_a, apply="1", carrier="SF", tracking_number="SF123")

    wo_a.refresh_from_db()
    assert wo_a.status == S.SHIPPED
    types = list(wo_a.events.values_list("type", flat=True))
    assert types[-6:] == ["accepted", "started", "qc_failed", "rework", "qc_passed", "shipped"]
    assert wo_a.events.get(type="qc_failed").data == {"reason": "seam open"}
    assert Shipment.objects.get(work_order=wo_a).tracking_number == "SF123"
    assert b"Shipped: 1 work order" in page.content


def test_ship_without_tracking_number_shows_the_form_again(as_staff_a, wo_a):
    act(as_staff_a, "accept", wo_a)

    page = act(as_staff_a, "ship", wo_a, apply="1", carrier="SF", tracking_number="")

    assert b"This field is required" in page.content
    wo_a.refresh_from_db()
    assert wo_a.status == S.ACCEPTED


def test_a_refused_transition_is_a_message_not_an_error(as_staff_a, wo_a):
    page = act(as_staff_a, "qc_passed", wo_a)

    assert page.status_code == 200
    assert b"cannot take &#x27;qc_passed&#x27;" in page.content
    wo_a.refresh_from_db()
    assert wo_a.status == S.OFFERED


def test_status_is_never_an_editable_field(as_staff_a, as_operator, wo_a):
    for client in (as_staff_a, as_operator):
        page = client.get(reverse("admin:production_workorder_change", args=[wo_a.pk]))
        assert b'name="status"' not in page.content
        client.post(
            reverse("admin:production_workorder_change", args=[wo_a.pk]), {"status": "shipped"}
        )
    wo_a.refresh_from_db()
    assert wo_a.status == S.OFFERED


def test_operator_reroutes_an_offer_through_the_service(
    as_operator, wo_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        act(as_operator, "reroute", wo_a)

    wo_a.refresh_from_db()
    assert wo_a.status == S.PENDING and wo_a.factory is None
    event = last_event(wo_a)
    assert (event.type, event.actor) == ("offer_withdrawn", "admin:olga")
    assert event.data == {"factory": "plant-a", "reason": "operator re-route"}
    assert len(callbacks) == 1


def test_operator_cannot_reroute_accepted_work(as_operator, wo_a, plant_a):
    work_order_accept(factory=plant_a, work_order_id=wo_a.pk, actor="t")

    page = act(as_operator, "reroute", wo_a)

    wo_a.refresh_from_db()
    assert wo_a.status == S.ACCEPTED
    assert b"cannot be re-routed" in page.content


def test_operator_cancels_with_a_reason(as_operator, db):
    work_order = planned_work_order()

    act(as_operator, "cancel", work_order, apply="1", reason="customer called")

    work_order.refresh_from_db()
    assert work_order.status == S.CANCELLED
    assert last_event(work_order).data == {"reason": "customer called"}


def test_operator_releases_accepted_work_through_the_release_service(
    as_operator, as_staff_a, wo_a, plant_a, django_capture_on_commit_callbacks
):
    # Given accepted work whose page the plant's staff opened (the shipping label shows)
    act(as_staff_a, "accept", wo_a)
    page = as_staff_a.get(reverse("admin:production_workorder_change", args=[wo_a.pk]))
    assert b"88 Century Avenue" in page.content

    # When an operator releases it, after giving a reason
    form = act(as_operator, "release", wo_a)
    assert b"reason_code" in form.content
    with django_capture_on_commit_callbacks() as callbacks:
        act(as_operator, "release", wo_a, apply="1", reason_code="quality", reason="plant asked")

    # Then it is back with the router, audited, and the plant is charged for it
    wo_a.refresh_from_db()
    assert (wo_a.status, wo_a.factory) == (S.PENDING, None)
    event = last_event(wo_a)
    assert (event.type, event.actor) == ("released", "admin:olga")
    assert event.data["by"] == "operator"
    assert event.data["factory"] == "plant-a"
    assert event.data["address_seen"] is True and event.data["address_seen_via"] == "admin"
    plant_a.refresh_from_db()
    assert plant_a.quality_details["released"] == 1
    assert len(callbacks) == 1


def test_factory_staff_cannot_decline_what_they_accepted(as_staff_a, wo_a):
    act(as_staff_a, "accept", wo_a)

    page = act(as_staff_a, "decline", wo_a, apply="1", reason_code="no_capacity", reason="full")

    wo_a.refresh_from_db()
    assert wo_a.status == S.ACCEPTED
    assert b"cannot take &#x27;declined&#x27;" in page.content
