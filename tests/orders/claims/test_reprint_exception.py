"""A reprint no plant but the one at fault can make, or that cannot be planned, goes on the
operators' exception list with its reason; its message is consumed; Retry makes it once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from orders.models import Claim, OutboxMessage
from orders.services.claims import claim_approve_reprint, claim_file
from production.models import ProductionException, Recipe, WorkOrder
from production.services.reprints import reprint_exception_retry
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product
from tests.orders.claims.conftest import photo, production_hears
from tests.orders.order_page.conftest import page_of, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_operator(django_user_model) -> Client:
    user = django_user_model.objects.create_user(
        "olga", "olga@c2m.example", "pw-123456", is_staff=True
    )
    user.groups.add(Group.objects.get_or_create(name="Operators")[0])
    client = Client()
    client.force_login(user)
    return client


def _approved_at_fault(delivered) -> Claim:
    claim = claim_file(
        order_id=delivered.order.pk,
        line_id=delivered.order.lines.get().pk,
        reason="misprint",
        quantity=2,
        description="The engraving is smudged.",
        photos=[photo()],
        actor="customer:guest",
    )
    return claim_approve_reprint(claim_id=claim.pk, plant_at_fault=True, actor="admin:op")


def _status_on_the_page(client: Client, claim: Claim, language: str = "en") -> str:
    html = page_of(client, claim.order, language)
    start = html.index(f'data-claim="{claim.number}"')
    status = html.index('<span class="item-status', start)
    return text_of(html[status : html.index("</span>", status)])


def _as_the_api_shows_it(client: Client, claim: Claim) -> dict:
    order = claim.order
    url = f"/api/v1/orders/{order.number}/claims/{claim.number}/"
    return client.get(url, {"token": order.tracking_token}).json()


def _retry(client: Client, exception: ProductionException, capture) -> str:
    with capture(execute=True):
        response = client.post(
            reverse("c2m_admin:exceptions"), {"reprint": [exception.pk]}, follow=True
        )
    return response.content.decode()


def test_a_reprint_only_the_plant_at_fault_can_make_waits_for_an_operators_retry(
    delivered, as_operator, django_capture_on_commit_callbacks
):
    # Given a reprint approved at the fault of the only plant that makes tumblers
    claim = _approved_at_fault(delivered)
    [reprint_id] = production_hears()
    work_orders_route(work_order_ids=[reprint_id])  # as the routing task does

    # Then its message is consumed, and operators see it on the list with the reason
    assert not OutboxMessage.objects.filter(topic__startswith="claim.", processed_at=None)
    exception = ProductionException.objects.get(kind="reprint", resolved_at=None)
    assert exception.reference == claim.number
    page = as_operator.get(reverse("c2m_admin:exceptions")).content.decode()
    assert claim.number in page
    assert f"No plant other than {delivered.plant.code} (at fault) can make" in page
    assert "declined" in exception.error  # the router's words: every capable plant said no

    # When a retry comes while there is still no other plant, it still waits
    page = _retry(as_operator, exception, django_capture_on_commit_callbacks)
    assert "still waiting" in page
    exception.refresh_from_db()
    assert exception.resolved_at is None and exception.attempts == 2

    # When a second capable plant joins and the operator retries
    second = PlantFactory(code="hz-engrave", city="Hangzhou", latitude=30.27, longitude=120.15)
    page = _retry(as_operator, exception, django_capture_on_commit_callbacks)

    # Then the reprint is offered there and the exception is closed by that operator
    reprint = WorkOrder.objects.get(pk=reprint_id)
    assert reprint.factory == second and reprint.status == "offered"
    assert f"offered to {second.code}" in page
    exception.refresh_from_db()
    assert exception.resolved_at is not None and exception.resolved_by.startswith("admin:")
    claim.refresh_from_db()
    assert claim.reprint_status == "offered"

    # And retrying again changes nothing: one reprint, a clear message
    page = _retry(as_operator, exception, django_capture_on_commit_callbacks)
    assert "not an open reprint exception" in page
    assert WorkOrder.objects.filter(claim_number=claim.number).count() == 1
    assert claim.number not in as_operator.get(reverse("c2m_admin:exceptions")).content.decode()


def test_a_reprint_that_cannot_be_planned_is_consumed_listed_and_planned_by_a_retry(
    client, delivered, second_plant, as_operator, django_capture_on_commit_callbacks
):
    # Given the product's recipe is gone when a reprint is approved
    sku = "TUMBLER-ENGRAVED"
    Recipe.objects.filter(product_sku=sku).delete()
    claim = _approved_at_fault(delivered)

    # When production hears of it, no reprint is made, the message is not left to retry
    assert production_hears() == []
    assert not OutboxMessage.objects.filter(topic__startswith="claim.", processed_at=None)
    exception = ProductionException.objects.get(kind="reprint", reference=claim.number)
    assert "could not be planned" in exception.error and "no recipe" in exception.error.lower()
    assert claim.number in as_operator.get(reverse("c2m_admin:exceptions")).content.decode()

    # And the customer reads that the reprint waits for a plant
    shown = _as_the_api_shows_it(client, claim)
    assert shown["status_label"] == "Reprint awaiting a plant"

    # When the recipe is back and the operator retries, twice
    demo_product("TUMBLER-ENGRAVED")
    _retry(as_operator, exception, django_capture_on_commit_callbacks)
    _retry(as_operator, exception, django_capture_on_commit_callbacks)

    # Then one reprint, offered to the plant that was not at fault
    [reprint] = WorkOrder.objects.filter(claim_number=claim.number)
    assert reprint.factory == second_plant and reprint.quantity == 2
    exception.refresh_from_db()
    assert exception.resolved_at is not None
    assert _as_the_api_shows_it(client, claim)["status_label"] == "Reprint approved"


def test_while_the_reprint_waits_for_a_plant_the_customer_is_told_so_not_that_it_is_made(
    client, delivered
):
    # Given an approved reprint only the plant at fault could make: it waits on the list
    claim = _approved_at_fault(delivered)
    [reprint_id] = production_hears()
    work_orders_route(work_order_ids=[reprint_id])
    work_orders_route(work_order_ids=[reprint_id])  # the next sweep finds no plant either

    # Then the order page says the reprint awaits a plant, in English and in Chinese
    assert _status_on_the_page(client, claim) == "Reprint awaiting a plant"
    assert _status_on_the_page(client, claim, "zh-hans") == "正在安排重印工厂"
    html = text_of(page_of(client, delivered.order))
    assert html.count("Reprint awaiting a plant") == 2  # the status and one timeline entry
    # And so does the consumer API, whose status stays the claim's own
    shown = _as_the_api_shows_it(client, claim)
    assert (shown["status"], shown["status_label"]) == ("reprinting", "Reprint awaiting a plant")
    assert shown["timeline"][-1]["label"] == "Reprint awaiting a plant"

    # When a plant that can make it joins and an operator retries
    second = PlantFactory(code="hz-engrave", city="Hangzhou", latitude=30.27, longitude=120.15)
    exception = ProductionException.objects.get(kind="reprint", resolved_at=None)
    assert reprint_exception_retry(exception_id=exception.pk, actor="admin:op").routed

    # Then the customer reads that the reprint went to a plant
    assert WorkOrder.objects.get(pk=reprint_id).factory == second
    shown = _as_the_api_shows_it(client, claim)
    assert shown["status_label"] == "Reprint approved"
    assert shown["timeline"][-1]["label"] == "Reprint sent to a plant"
    assert _status_on_the_page(client, claim, "zh-hans") != "正在安排重印工厂"
