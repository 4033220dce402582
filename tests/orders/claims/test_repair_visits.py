"""Repair and maintenance visits under warranty: a customer asks for one while the
table's warranty runs, an operator approves it, production routes a service work order
to a plant with a service crew (the one that made the table when it has one), the plant
sees and does it through the factory API, and its completion closes the request; outside
the warranty (or with none) the request is refused with words for the customer."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from freezegun import freeze_time

from c2m.errors import Conflict
from orders.models import Claim, ClaimKind, ClaimStatus, OutboxMessage
from orders.services.claim_services import claim_approve_repair
from orders.services.claims import claim_approve_reprint, claim_file
from production.models import PlantClaim, WorkOrder
from production.services.api_keys import api_key_create
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.routing import work_orders_route
from tests.factories import PlantFactory, demo_product
from tests.mail import emails_sent
from tests.orders.claims.conftest import delivered_order, production_hears
from tests.orders.services.conftest import OAK_TABLE, TABLE_CAPABILITIES, buy
from tests.orders.services.test_warranty import delivered

pytestmark = pytest.mark.django_db
SERVICE = "repair"


def a_delivered_table(*, maker_repairs: bool):
    """An oak table made in Foshan (with or without a service crew there) and delivered;
    a service company in Shanghai, next to the customer, visits too."""
    capabilities = (*TABLE_CAPABILITIES, SERVICE) if maker_repairs else TABLE_CAPABILITIES
    maker = PlantFactory(code="fs-wood", city="Foshan", capabilities=capabilities)
    nearby = PlantFactory(
        code="sh-service",
        city="Shanghai",
        latitude=31.23,
        longitude=121.47,
        capabilities=(SERVICE,),
    )
    order = buy(demo_product("TABLE-SOLID"), **OAK_TABLE)
    delivered(order)
    return order, maker, nearby


def ask_for_a_visit(order, **overrides) -> Claim:
    kwargs = {
        "order_id": order.pk,
        "line_id": order.lines.get().pk,
        "kind": ClaimKind.REPAIR,
        "reason": "maintenance",
        "quantity": 1,
        "description": "The top needs oiling and one leg wobbles.",
        "actor": "customer:guest",
    }
    return claim_file(**(kwargs | overrides))


def approved_and_routed(claim: Claim) -> WorkOrder:
    claim_approve_repair(claim_id=claim.pk, actor="admin:ops", message="We will call you.")
    [visit_id] = production_hears()
    work_orders_route(work_order_ids=[visit_id])
    return WorkOrder.objects.select_related("factory").get(pk=visit_id)


@pytest.mark.parametrize("maker_repairs", [True, False], ids=["maker-repairs", "maker-cannot"])
def test_an_approved_visit_goes_to_the_maker_when_it_has_a_service_crew(
    quiet_broker, maker_repairs
):
    order, maker, nearby = a_delivered_table(maker_repairs=maker_repairs)
    claim = ask_for_a_visit(order)

    visit = approved_and_routed(claim)

    assert visit.status == "offered" and visit.claim_number == claim.number
    assert visit.required_capabilities == [SERVICE]
    assert [op["capability"] for op in visit.snapshot["operations"]] == [SERVICE]
    # The nearby crew is cheaper to send; the maker is preferred when it can do it.
    assert visit.factory == (maker if maker_repairs else nearby)
    # A visit is not a claim against the plant's work: nothing counts against its score.
    assert not PlantClaim.objects.exists()


def test_the_plant_sees_the_visit_in_its_api_and_doing_it_closes_the_request(
    client, quiet_broker, django_capture_on_commit_callbacks
):
    order, maker, _nearby = a_delivered_table(maker_repairs=True)
    claim = ask_for_a_visit(order)
    visit = approved_and_routed(claim)
    key = api_key_create(factory=maker, name="erp")[1]

    listed = client.get(
        "/api/factory/v1/work-orders/?status=offered", HTTP_AUTHORIZATION=f"Api-Key {key}"
    ).json()["results"]
    assert [w["number"] for w in listed] == [visit.number]

    common = {"factory": maker, "work_order_id": visit.pk, "actor": "factory:fs-wood"}
    work_order_accept(**common)
    work_order_report(**common, event="started", data={})
    emails_sent().clear()
    with django_capture_on_commit_callbacks(execute=True):
        work_order_report(
            **common, event="shipped", data={"carrier": "On site", "tracking_number": "V-1"}
        )

    claim.refresh_from_db()
    assert claim.status == ClaimStatus.SERVICED
    [email] = emails_sent()
    assert "The service visit is done" in email.body
    page = Client().get(order.get_absolute_url(), {"token": order.tracking_token})
    text = page.content.decode()
    for step in ("Repair or maintenance visit requested", "Repair visit approved"):
        assert step in text
    assert "Service crew at work" in text and "Visit done" in text


def test_a_visit_is_refused_once_the_warranty_ended(quiet_broker):
    order, _maker, _nearby = a_delivered_table(maker_repairs=True)
    ends = order.lines.get().warranty.ends_on

    with freeze_time(ends + timedelta(days=2)), pytest.raises(Conflict) as refused:
        ask_for_a_visit(order)

    assert refused.value.code == "warranty_expired"
    assert "warranty of this item ended" in refused.value.detail
    assert not Claim.objects.exists()


def test_an_item_sold_without_a_warranty_gets_no_visit_through_the_api(tumbler, quiet_broker):
    order = delivered_order(tumbler).order

    response = Client().post(
        f"/api/v1/orders/{order.number}/claims/?token={order.tracking_token}",
        {
            "kind": "repair",
            "line_id": order.lines.get().pk,
            "reason": "needs_repair",
            "quantity": 1,
            "description": "The lid leaks.",
        },
        content_type="application/json",
    )

    assert response.status_code == 409, response.content
    assert response.json()["code"] == "no_warranty"


def test_a_visit_in_chinese_is_refused_in_chinese_on_the_page(quiet_broker):
    order, _maker, _nearby = a_delivered_table(maker_repairs=True)
    ends = order.lines.get().warranty.ends_on
    client = Client(headers={"accept-language": "zh-hans"})
    with freeze_time(ends + timedelta(days=2)):
        page = client.post(
            f"/orders/{order.number}/claims/",
            {
                "token": order.tracking_token,
                "kind": "repair",
                "line": order.lines.get().pk,
                "reason": "needs_repair",
                "quantity": "1",
                "description": "桌腿松动。",
            },
            follow=True,
        )
    assert "此商品的保修已于" in page.content.decode()


def test_a_repair_request_takes_no_reprint_or_refund(quiet_broker):
    order, _maker, _nearby = a_delivered_table(maker_repairs=True)
    claim = ask_for_a_visit(order)

    with pytest.raises(Conflict) as refused:
        claim_approve_reprint(claim_id=claim.pk, plant_at_fault=False, actor="admin:ops")

    assert refused.value.code == "invalid_transition"
    assert Claim.objects.get(pk=claim.pk).status == ClaimStatus.OPEN
    assert not OutboxMessage.objects.filter(topic__startswith="claim.").exists()
