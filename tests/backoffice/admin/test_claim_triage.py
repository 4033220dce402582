"""Operators triage claims in the admin through the claims services: ask for more, refund,
decline; a form without what the customer must read is refused on its field; factory
staff never see the orders side's claims; photos and the plant's scorecard are shown."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from orders.models import Claim
from orders.services.claims import claim_file
from production.services.factory_quality import factory_quality_refresh
from tests.factories import PlantFactory, demo_product
from tests.orders.claims.conftest import Delivered, delivered_order, photo, production_hears

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivered(db, monkeypatch) -> Delivered:
    from orders.services import outbox

    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)
    PlantFactory(code="sz-engrave", city="Shenzhen")
    return delivered_order(demo_product("TUMBLER-ENGRAVED"))


@pytest.fixture
def claim(delivered) -> Claim:
    return claim_file(
        order_id=delivered.order.pk,
        line_id=delivered.order.lines.get().pk,
        reason="damaged",
        quantity=1,
        description="Dented on arrival.",
        photos=[photo()],
        actor="customer",
    )


def decide(client, claim, **fields):
    """Post the change form as a browser would: its hidden inputs (the read-only inlines'
    management forms) and the operator's decision."""
    url = reverse("admin:orders_claim_change", args=[claim.pk])
    page = client.get(url).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    data = hidden | {"decision": "", "message": "", "amount": ""} | fields
    return client.post(url, data, follow=True)


def test_asking_for_more_needs_a_message_for_the_customer(as_operator, claim):
    page = decide(as_operator, claim, decision="request_info").content.decode()
    assert "Write what the customer should read." in page
    assert Claim.objects.get(pk=claim.pk).status == "open"
    decide(as_operator, claim, decision="request_info", message="A photo of the dent, please?")
    assert Claim.objects.get(pk=claim.pk).status == "info_requested"


@pytest.mark.django_db(transaction=True)
def test_an_operator_refunds_part_of_the_item(as_operator, claim):
    page = decide(as_operator, claim, decision="refund", amount="25.00").content.decode()
    claim.refresh_from_db()
    assert claim.status == "refunded" and str(claim.refund_amount) == "25.00"
    assert f"{claim.number} is now Refunded." in page


@pytest.mark.django_db(transaction=True)
def test_a_refund_above_the_item_is_refused_with_a_message(as_operator, claim):
    page = decide(as_operator, claim, decision="refund", amount="99999").content.decode()
    assert "At most" in page
    assert Claim.objects.get(pk=claim.pk).status == "open"


def test_declining_a_claim(as_operator, claim):
    decide(as_operator, claim, decision="reject", message="The dent is from use.")
    claim.refresh_from_db()
    assert claim.status == "rejected"
    assert claim.events.last().data["message"] == "The dent is from use."


def test_operators_see_the_photos_and_factory_staff_see_no_claims(as_operator, as_staff_a, claim):
    page = as_operator.get(reverse("admin:orders_claim_change", args=[claim.pk]))
    photo_url = reverse("admin:orders_claim_photo", args=[claim.pk, claim.photos.get().public_id])
    assert photo_url in page.content.decode()
    picture = as_operator.get(photo_url)
    assert picture.status_code == 200 and picture["X-Content-Type-Options"] == "nosniff"
    assert as_staff_a.get(reverse("admin:orders_claim_changelist")).status_code in {302, 403}
    assert as_staff_a.get(photo_url).status_code in {302, 403, 404}


def test_the_scorecard_names_customer_reported_defects(as_operator, claim, delivered):
    production_hears()
    factory_quality_refresh(factory_id=delivered.plant.pk)
    page = as_operator.get(
        reverse("admin:production_factory_change", args=[delivered.plant.pk])
    ).content.decode()
    assert "customer-reported defects: 1" in page
    listed = as_operator.get(
        reverse("admin:production_plantclaim_changelist")
        + f"?factory__id__exact={delivered.plant.pk}"
    ).content.decode()
    assert claim.number in listed
