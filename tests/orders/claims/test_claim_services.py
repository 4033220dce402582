"""Claims through the services, as the order page, the API and the admin call them: filing
within the window, the quantity rules, triage (reprint, refund, reject, more information),
production's record and the reprint at another plant, and the plant's score."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from freezegun import freeze_time

from c2m.errors import ApplicationError, Conflict
from imaging import ArtworkRejected
from orders.models import Claim, OrderEvent, Payment
from orders.services.claims import (
    claim_add_info,
    claim_approve_reprint,
    claim_file,
    claim_refund,
    claim_reject,
    claim_request_info,
)
from production.models import PlantClaim, WorkOrder, WorkOrderEvent
from production.services.claims import plant_claim_respond
from production.services.factory_quality import factory_quality_refresh
from production.services.routing import work_orders_route
from tests.imaging import fixtures as fx
from tests.mail import emails_sent
from tests.orders.claims.conftest import make_through, photo, production_hears

pytestmark = pytest.mark.django_db


def file(delivered, **overrides):
    kwargs = {
        "order_id": delivered.order.pk,
        "line_id": delivered.order.lines.get().pk,
        "reason": "misprint",
        "quantity": 2,
        "description": "The engraving is cut off on the left.",
        "photos": [photo()],
        "actor": "customer:guest",
    }
    return claim_file(**(kwargs | overrides))


def test_a_customer_files_a_claim_with_a_photo_and_is_emailed(
    delivered, django_capture_on_commit_callbacks
):
    emails_sent().clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim = file(delivered)
    assert claim.number.startswith("CLM-") and claim.status == "open"
    assert claim.photos.count() == 1
    stored = claim.photos.get()
    assert (stored.width, stored.height) == (800, 600)
    [email] = emails_sent()
    assert claim.number in email.subject and claim.number in email.body
    assert email.to == [delivered.order.email]


def test_the_email_is_in_the_language_the_customer_shopped_in(
    delivered, django_capture_on_commit_callbacks
):
    delivered.order.language = "zh-hans"
    delivered.order.save(update_fields=["language"])
    emails_sent().clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim = file(delivered)
    [email] = emails_sent()
    assert f"我们已收到您的售后申请 {claim.number}" in email.subject
    assert "印刷错误" in email.body


def test_a_claim_waits_for_delivery_and_closes_after_the_window(tumbler, quiet_broker, settings):
    from tests.orders.claims.conftest import delivered_order
    from tests.orders.conftest import fill_cart, place

    not_yet = place(fill_cart(tumbler))
    with pytest.raises(Conflict) as early:
        claim_file(
            order_id=not_yet.pk,
            line_id=not_yet.lines.get().pk,
            reason="late",
            quantity=1,
            description="Where is it?",
            actor="customer",
        )
    assert early.value.code == "not_delivered"
    done = delivered_order(tumbler)
    settings.CLAIM_WINDOW_DAYS = 30
    with freeze_time(timezone.now() + timedelta(days=31)), pytest.raises(Conflict) as late:
        file(done)
    assert late.value.code == "claim_window_closed" and "30 days" in late.value.detail
    with freeze_time(timezone.now() + timedelta(days=29)):
        assert file(done).status == "open"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reason", "bored"),
        ("quantity", 0),
        ("quantity", -2),
        ("quantity", "2.5"),
        ("quantity", "99999999999999999999999"),
        ("description", "   "),
        ("description", "x" * 2001),
        ("line_id", "abc"),
    ],
)
def test_bad_input_is_refused_on_its_field(delivered, field, value):
    with pytest.raises(ApplicationError) as refused:
        file(delivered, **{field: value})
    key = "line" if field == "line_id" else field
    assert key in refused.value.errors and refused.value.status == 400
    assert not Claim.objects.exists()


def test_no_more_pieces_are_claimed_than_were_delivered_and_not_claimed(delivered):
    file(delivered, quantity=2)
    with pytest.raises(ApplicationError) as refused:
        file(delivered, quantity=2)
    assert refused.value.code == "quantity_exceeds"
    assert "Only 1 pieces" in refused.value.detail
    file(delivered, quantity=1)
    with pytest.raises(ApplicationError, match="already in a claim"):
        file(delivered, quantity=1)


def test_a_rejected_claim_frees_its_pieces(delivered):
    claim = file(delivered, quantity=3)
    claim_reject(claim_id=claim.pk, reason="The photo shows a different mug.", actor="admin:op")
    assert file(delivered, quantity=3).status == "open"


def test_a_bomb_or_a_non_image_photo_is_refused_and_nothing_is_stored(delivered, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    html = SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n<html>" + b"0" * 100, "image/png")
    with pytest.raises(ArtworkRejected):
        file(delivered, photos=[html])
    settings.ARTWORK_MAX_PIXELS = 100_000
    big = SimpleUploadedFile("big.png", fx.encode(fx.photo((1000, 1000), "RGB"), "PNG"))
    with pytest.raises(ArtworkRejected):
        file(delivered, photos=[big])
    assert not Claim.objects.exists()


def test_asking_for_more_then_the_customer_answers_reopens_the_claim(
    delivered, django_capture_on_commit_callbacks
):
    claim = file(delivered)
    emails_sent().clear()
    with django_capture_on_commit_callbacks(execute=True):
        claim_request_info(
            claim_id=claim.pk, message="Please show the base of the tumbler.", actor="admin:op"
        )
    assert Claim.objects.get(pk=claim.pk).status == "info_requested"
    assert "Please show the base" in emails_sent()[0].body
    claim_add_info(claim_id=claim.pk, message="Here it is.", photos=[photo()], actor="customer")
    claim.refresh_from_db()
    assert claim.status == "open" and claim.photos.count() == 2


@pytest.mark.django_db(transaction=True)  # the gateway call needs no transaction open
def test_a_partial_refund_goes_through_the_provider_once(delivered):
    claim = file(delivered, quantity=1)
    payment = Payment.objects.get(order=delivered.order)
    refunded = claim_refund(
        claim_id=claim.pk, amount="10.00", plant_at_fault=False, actor="admin:op"
    )
    assert refunded.status == "refunded" and refunded.refund_amount == Decimal("10.00")
    payment.refresh_from_db()
    assert payment.refunded_amount == Decimal("10.00") and payment.status == "captured"
    assert OrderEvent.objects.filter(order=delivered.order, code="refunded").count() == 1
    with pytest.raises(Conflict):
        claim_refund(claim_id=claim.pk, amount="10.00", plant_at_fault=False, actor="admin:op")
    payment.refresh_from_db()
    assert payment.refunded_amount == Decimal("10.00")


@pytest.mark.django_db(transaction=True)
def test_a_refund_above_the_item_is_refused(delivered):
    claim = file(delivered)
    line_total = delivered.order.lines.get().line_total
    with pytest.raises(ApplicationError) as refused:
        claim_refund(
            claim_id=claim.pk, amount=line_total + 1, plant_at_fault=False, actor="admin:op"
        )
    assert refused.value.code == "refund_too_large"
    assert Claim.objects.get(pk=claim.pk).status == "open"


def test_production_keeps_its_record_of_the_claim_against_the_plant(delivered):
    claim = file(delivered)
    production_hears()
    production_hears()  # a message delivered twice records nothing twice
    [record] = PlantClaim.objects.all()
    assert record.factory == delivered.plant and record.work_order == delivered.work_order
    assert record.claim_number == claim.number and record.defect and record.quantity == 2
    assert record.photos == [claim.photos.get().public_id]


def test_a_reprint_at_fault_goes_to_another_plant_and_resolves_the_claim(delivered, second_plant):
    claim = file(delivered)
    production_hears()
    claim_approve_reprint(claim_id=claim.pk, plant_at_fault=True, actor="admin:op")
    [reprint_id] = production_hears()
    assert production_hears() == []  # idempotent
    reprint = WorkOrder.objects.get(pk=reprint_id)
    assert reprint.claim_number == claim.number and reprint.quantity == 2
    assert reprint.snapshot["configuration"] == delivered.work_order.snapshot["configuration"]
    assert WorkOrderEvent.objects.filter(
        work_order=reprint, type="plant_excluded", data__factory=delivered.plant.code
    ).exists()
    work_orders_route(work_order_ids=[reprint_id])
    reprint.refresh_from_db()
    assert reprint.factory == second_plant
    claim.refresh_from_db()
    assert claim.reprint_work_order == reprint.number and claim.reprint_status == "offered"
    make_through(reprint_id, second_plant, tracking="SF900900900")
    claim.refresh_from_db()
    assert claim.status == "resolved"
    delivered.order.refresh_from_db()
    assert delivered.order.status == "delivered"
    # The order's items still show what the first plant made, not the reprint.
    item_events = OrderEvent.objects.filter(order=delivered.order, data__work_order=reprint.number)
    assert not item_events.exists()


def test_the_plant_at_fault_gives_back_its_payout_for_the_faulty_pieces(delivered, second_plant):
    from production.models import SettlementEntry

    work_order = delivered.work_order
    work_order.refresh_from_db()
    # Given the plant was paid its frozen payout when it shipped
    [payout] = SettlementEntry.objects.filter(work_order=work_order, kind="payout")
    assert payout.amount == work_order.payout_amount > 0
    # When a claim on 2 of its pieces is approved as a reprint at its fault
    claim = file(delivered)
    production_hears()
    claim_approve_reprint(claim_id=claim.pk, plant_at_fault=True, actor="admin:op")
    production_hears()
    production_hears()  # the message delivered again charges nothing twice

    # Then its ledger takes back its payout for those 2 pieces, once
    [chargeback] = SettlementEntry.objects.filter(kind="chargeback")
    expected = (work_order.payout_amount * 2 / work_order.quantity).quantize(Decimal("0.01"))
    assert chargeback.factory == delivered.plant and chargeback.amount == -expected
    assert chargeback.reference == claim.number


def test_no_chargeback_when_the_plant_was_not_at_fault(delivered):
    from production.models import SettlementEntry

    claim = file(delivered, reason="damaged")
    production_hears()
    claim_approve_reprint(claim_id=claim.pk, plant_at_fault=False, actor="admin:op")
    production_hears()
    assert not SettlementEntry.objects.filter(kind="chargeback").exists()


def test_a_reprint_not_at_fault_may_go_back_to_the_same_plant(delivered):
    claim = file(delivered, reason="damaged")
    claim_approve_reprint(claim_id=claim.pk, plant_at_fault=False, actor="admin:op")
    [reprint_id] = production_hears()
    assert not WorkOrderEvent.objects.filter(work_order_id=reprint_id, type="plant_excluded")
    work_orders_route(work_order_ids=[reprint_id])
    assert WorkOrder.objects.get(pk=reprint_id).factory == delivered.plant


def test_a_customer_reported_defect_costs_more_than_an_honest_qc_failure(delivered, tumbler):
    from tests.orders.claims.conftest import delivered_order

    plant = delivered.plant
    before = factory_quality_refresh(factory_id=plant.pk)
    # Given a second order the plant made and shipped on time
    assert delivered_order(tumbler).plant == plant
    after_clean_work = factory_quality_refresh(factory_id=plant.pk)
    # When a customer reports a misprint on the first
    claim = file(delivered)
    production_hears()
    with_defect = factory_quality_refresh(factory_id=plant.pk)
    plant.refresh_from_db()
    assert plant.quality_details["customer_defects"] == 1
    assert after_clean_work >= before - Decimal("0.01")
    assert after_clean_work - with_defect > Decimal("0.05")
    # And a claim turned down does not count
    claim_reject(claim_id=claim.pk, reason="Not a fault.", actor="admin:op")
    production_hears()
    assert factory_quality_refresh(factory_id=plant.pk) == after_clean_work


def test_one_customer_defect_weighs_more_than_one_qc_failure(delivered):
    """The plant's QC failing a piece and a customer finding one: the second costs more."""
    from production.services.factory_quality import CUSTOMER_DEFECT_WEIGHT, _rate

    honest = _rate(1, 2, 0.95)  # one failed check out of two
    reached = _rate(1, 1 + CUSTOMER_DEFECT_WEIGHT, 0.95)  # one pass, one defect
    assert reached < honest


def test_the_plant_answers_and_operators_see_it_on_the_claim(delivered):
    claim = file(delivered)
    production_hears()
    record = PlantClaim.objects.get()
    plant_claim_respond(
        claim_id=record.pk, factory=delivered.plant, response="QC photo shows it intact.", actor="f"
    )
    event = claim.events.get(code="plant_response")
    assert event.data["message"] == "QC photo shows it intact."
    assert "plant_response" not in [e.code for e in _customer_timeline(claim)]


def _customer_timeline(claim):
    from orders.selectors.claims import claim_timeline

    return claim_timeline(claim=Claim.objects.get(pk=claim.pk))
