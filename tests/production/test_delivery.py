"""Delivery from the plant or the carrier: per parcel, never backwards, harmless twice.

What the customer notices: each parcel on the order page says in transit or delivered,
and the order becomes delivered (with an email) only when every parcel of every work order
has arrived. What the plant notices: the factory API's ``delivered`` event and its 4xx.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from c2m.errors import Conflict, NotFound, Unprocessable
from orders.models import Order, OrderEvent, OutboxMessage
from production.models import Shipment, WorkOrder, WorkOrderEvent
from production.services.carriers import parcels_track
from production.services.delivery import shipment_delivered
from production.services.factory_actions import (
    work_order_accept,
    work_order_report,
)
from production.services.planning import orders_plan
from production.services.release import work_order_release
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product, place_order
from tests.mail import emails_sent

pytestmark = pytest.mark.django_db
API = "/api/factory/v1/work-orders"


def auth(key: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Api-Key {key}"}


def made_and_passed_qc(plant, *, quantity: int = 1) -> WorkOrder:
    """A tumbler order, planned, routed to ``plant``, accepted, made and checked."""
    place_order(demo_product(), {"finish": "brushed"}, quantity=quantity)
    message = OutboxMessage.objects.filter(processed_at__isnull=True).latest("pk")
    [work_order_id] = orders_plan(message_ids=[message.pk])
    work_orders_route(work_order_ids=[work_order_id])
    work_order_accept(factory=plant, work_order_id=work_order_id, actor="plant")
    for event in ("started", "qc_passed"):
        work_order_report(
            factory=plant, work_order_id=work_order_id, actor="plant", event=event, data={}
        )
    return WorkOrder.objects.get(pk=work_order_id)


def ship(plant, work_order: WorkOrder, *numbers: str) -> None:
    for number in numbers:
        work_order_report(
            factory=plant,
            work_order_id=work_order.pk,
            actor="plant",
            event="shipped",
            data={"carrier": "SF Express", "tracking_number": number},
        )


def order_page(client, work_order: WorkOrder) -> str:
    order = Order.objects.get(pk=work_order.order_id)
    return client.get(order.get_absolute_url(), {"token": order.tracking_token}).content.decode()


def status_of(work_order: WorkOrder) -> tuple[str, str]:
    work_order.refresh_from_db()
    return work_order.status, Order.objects.get(pk=work_order.order_id).status


def test_the_order_is_delivered_when_the_plant_reports_its_last_parcel_delivered(
    client, plant, factory_key, django_capture_on_commit_callbacks
):
    # Given a work order shipped in two parcels
    work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100", "SF200")
    emails_sent().clear()

    # When the plant reports the first parcel delivered
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            f"{API}/{work_order.pk}/events/",
            {"type": "delivered", "tracking_number": "SF100"},
            "application/json",
            **auth(factory_key),
        )

    # Then that parcel shows delivered and the other in transit; the order is still shipped
    assert first.status_code == 200, first.content
    parcels = {p["tracking_number"]: p for p in first.json()["parcels"]}
    assert parcels["SF100"]["tracking_status"] == "delivered"
    assert parcels["SF200"]["tracking_status"] == "in_transit"
    assert status_of(work_order) == ("shipped", "shipped")
    page = order_page(client, work_order)
    assert page.count('data-parcel-status="delivered"') == 1
    assert page.count('data-parcel-status="in_transit"') == 1
    assert not [m for m in emails_sent() if "deliver" in m.subject.lower()]

    # When the second arrives
    with django_capture_on_commit_callbacks(execute=True):
        last = client.post(
            f"{API}/{work_order.pk}/events/",
            {"type": "delivered", "tracking_number": "SF200", "delivered_at": "2026-12-05T10:00Z"},
            "application/json",
            **auth(factory_key),
        )

    # Then the work order and the order are delivered, and the customer is told once
    assert last.status_code == 200 and last.json()["status"] == "delivered"
    assert status_of(work_order) == ("delivered", "delivered")
    page = order_page(client, work_order)
    assert page.count('data-parcel-status="delivered"') == 2
    assert "Delivered 2026-12-05" in page
    assert len(emails_sent()) == 1 and emails_sent()[0].to == ["li.wei@example.com"]


def test_a_delivery_reported_twice_by_plant_and_carrier_changes_nothing(client, plant, factory_key):
    work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100")
    body = {"type": "delivered", "tracking_number": "SF100"}
    url = f"{API}/{work_order.pk}/events/"
    assert client.post(url, body, "application/json", **auth(factory_key)).status_code == 200
    events = WorkOrderEvent.objects.filter(work_order=work_order).count()
    order_events = OrderEvent.objects.filter(order_id=work_order.order_id).count()

    again = client.post(url, body, "application/json", **auth(factory_key))
    shipment_delivered(work_order_id=work_order.pk, tracking_number="SF100", actor="carrier")

    assert again.status_code == 200 and again.json()["status"] == "delivered"
    assert WorkOrderEvent.objects.filter(work_order=work_order).count() == events
    assert OrderEvent.objects.filter(order_id=work_order.order_id).count() == order_events
    assert status_of(work_order) == ("delivered", "delivered")


def test_delivered_before_shipping_is_a_409_naming_what_is_allowed(client, plant, factory_key):
    work_order = made_and_passed_qc(plant)

    response = client.post(
        f"{API}/{work_order.pk}/events/",
        {"type": "delivered", "tracking_number": "SF100"},
        "application/json",
        **auth(factory_key),
    )

    assert response.status_code == 409
    body = response.json()
    assert body["code"] == "invalid_transition" and body["current_status"] == "qc_passed"
    assert "shipped" in body["allowed_events"] and "delivered" not in body["allowed_events"]
    assert status_of(work_order) == ("qc_passed", "in_production")


def test_delivered_for_a_parcel_never_shipped_is_a_422(client, plant, factory_key):
    work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100")

    response = client.post(
        f"{API}/{work_order.pk}/events/",
        {"type": "delivered", "tracking_number": "SF999"},
        "application/json",
        **auth(factory_key),
    )

    assert response.status_code == 422
    assert response.json()["code"] == "unknown_parcel"
    assert "tracking_number" in response.json()["errors"]
    assert status_of(work_order) == ("shipped", "shipped")


def test_delivered_without_a_tracking_number_is_a_field_error(client, plant, factory_key):
    work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100")
    response = client.post(
        f"{API}/{work_order.pk}/events/",
        {"type": "delivered"},
        "application/json",
        **auth(factory_key),
    )
    assert response.status_code == 400 and "tracking_number" in response.json()["errors"]


def test_another_plant_cannot_report_a_parcel_delivered(plant):
    work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100")
    with pytest.raises(NotFound):
        shipment_delivered(
            work_order_id=work_order.pk,
            tracking_number="SF100",
            actor="other",
            factory=PlantFactory(code="other"),
        )
    assert status_of(work_order) == ("shipped", "shipped")


def test_nothing_ships_or_is_released_after_delivery(plant):
    work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100")
    shipment_delivered(work_order_id=work_order.pk, tracking_number="SF100", actor="plant")

    with pytest.raises(Conflict):
        ship(plant, work_order, "SF300")
    with pytest.raises(Conflict):
        work_order_release(
            factory=plant,
            work_order_id=work_order.pk,
            actor="plant",
            reason_code="machine_down",
            reason="x",
        )
    with pytest.raises(Conflict):
        work_order_report(
            factory=plant, work_order_id=work_order.pk, actor="plant", event="qc_failed",
            data={"reason": "late find"},
        )  # fmt: skip
    assert status_of(work_order) == ("delivered", "delivered")


def test_an_unknown_parcel_on_a_delivered_work_order_is_refused_not_ignored(plant):
    work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100")
    shipment_delivered(work_order_id=work_order.pk, tracking_number="SF100", actor="plant")
    with pytest.raises(Conflict):
        shipment_delivered(work_order_id=work_order.pk, tracking_number="SF999", actor="plant")


def test_a_split_order_is_delivered_only_when_both_plants_parcels_arrived(plant):
    # Given one order whose two lines went to two plants (two work orders)
    east, west = plant, PlantFactory(code="west")
    first = made_and_passed_qc(east)
    # A second work order of the same order, for the second plant
    second = WorkOrder.objects.get(pk=first.pk)
    second.pk, second.number, second.part, second.factory = None, f"{first.number}-2", 2, west
    second.status = "qc_passed"
    second.save()
    ship(east, first, "SF100")

    # When the first plant's parcel is delivered before the second plant has even shipped
    shipment_delivered(work_order_id=first.pk, tracking_number="SF100", actor="plant")

    # Then the order is partly shipped, not delivered, and goes no further back later
    assert Order.objects.get(pk=first.order_id).status == "partially_shipped"
    ship(west, second, "JD200")
    assert Order.objects.get(pk=first.order_id).status == "shipped"
    shipment_delivered(work_order_id=second.pk, tracking_number="JD200", actor="carrier")
    assert Order.objects.get(pk=first.order_id).status == "delivered"


def test_the_sandbox_carrier_moves_parcels_along_and_delivers_the_order(settings, plant):
    # Given the demo's sandbox tracking for SF Express: out for delivery after 3 minutes,
    # delivered after 5
    settings.C2M_CARRIER_TRACKING = {"SF Express": "sandbox"}
    settings.C2M_SANDBOX_CARRIER = {"out_for_delivery": 3, "delivered": 5}
    work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100", "SF200")
    shipped_at = Shipment.objects.filter(work_order=work_order).latest("pk").created_at

    # When the tracking runs one minute, four minutes and six minutes after shipping
    early = parcels_track(now=shipped_at + timedelta(minutes=1))
    later = parcels_track(now=shipped_at + timedelta(minutes=4))
    states = set(Shipment.objects.values_list("tracking_status", flat=True))
    assert status_of(work_order) == ("shipped", "shipped")
    done = parcels_track(now=shipped_at + timedelta(minutes=6))
    again = parcels_track(now=shipped_at + timedelta(minutes=7))

    # Then parcels move in transit → out for delivery → delivered, once each
    assert early == {"asked": 2, "moved": 0, "delivered": 0}
    assert later == {"asked": 2, "moved": 2, "delivered": 0}
    assert states == {"out_for_delivery"}
    assert done == {"asked": 2, "moved": 0, "delivered": 2}
    assert again == {"asked": 0, "moved": 0, "delivered": 0}
    assert status_of(work_order) == ("delivered", "delivered")
    assert all(s.delivered_at for s in Shipment.objects.filter(work_order=work_order))


def test_parcels_of_untracked_carriers_wait_for_the_plant(settings, plant):
    settings.C2M_CARRIER_TRACKING = {"DHL": "sandbox"}
    work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100")
    assert parcels_track(now=timezone.now() + timedelta(days=3))["asked"] == 0
    assert status_of(work_order) == ("shipped", "shipped")


def test_tracking_never_moves_a_parcel_back(settings, plant):
    from production.services.delivery import shipment_tracking_update

    work_order = made_and_passed_qc(plant)
    ship(plant, work_order, "SF100")
    parcel = Shipment.objects.get(work_order=work_order)
    assert shipment_tracking_update(shipment_id=parcel.pk, status="out_for_delivery", actor="c")
    assert not shipment_tracking_update(shipment_id=parcel.pk, status="in_transit", actor="c")
    assert shipment_tracking_update(shipment_id=parcel.pk, status="delivered", actor="c")
    assert not shipment_tracking_update(shipment_id=parcel.pk, status="out_for_delivery", actor="c")
    parcel.refresh_from_db()
    assert parcel.tracking_status == "delivered"
    with pytest.raises(Unprocessable):
        shipment_tracking_update(shipment_id=parcel.pk, status="lost", actor="c")
