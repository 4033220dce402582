"""One promise engine: per-method dates for the address, refusals before payment, the
order keeps the promise it was sold with, and a broken promise reaches the customer."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from c2m.errors import ApplicationError
from orders.models import Order, OrderEvent, OutboxMessage, Payment
from orders.services.checkout import checkout_promises
from orders.services.orders import LineRequest, order_place
from orders.services.payments.sandbox import SandboxCardProvider
from production.models import (
    CapacityDay,
    Factory,
    ProductionException,
    WorkOrder,
    WorkOrderEvent,
)
from production.services.factory_actions import work_order_decline
from production.services.factory_status import factory_set_status
from production.services.planning import orders_plan
from production.services.routing import work_orders_route
from tests.factories import PlantFactory
from tests.mail import emails_sent
from tests.orders.conftest import ADDRESS, fill_cart, place

pytestmark = pytest.mark.django_db

SPRINGFIELD = {
    "name": "Jane Doe",
    "line1": "1 Capitol Ave",
    "city": "Springfield",
    "region": "IL",
    "postal_code": "62701",
    "country": "US",
}


@pytest.fixture
def authorize_calls(monkeypatch) -> list[dict]:
    """Every call the checkout makes to the sandbox gateway, recorded and passed on."""
    calls: list[dict] = []
    original = SandboxCardProvider.authorize

    def recording(self, **kwargs):
        calls.append(kwargs)
        return original(self, **kwargs)

    monkeypatch.setattr(SandboxCardProvider, "authorize", recording)
    return calls


def _dates(cart, ship_to) -> dict[str, date | None]:
    return {p.code: p.date for p in checkout_promises(cart=cart, ship_to=ship_to)}


def test_express_to_springfield_is_promised_earlier_than_standard(tumbler):
    cart = fill_cart(tumbler)

    dates = _dates(cart, SPRINGFIELD)
    domestic = _dates(cart, ADDRESS)

    # Both methods can deliver, express sooner; the US is further than Shanghai from the
    # Shenzhen plant, so its standard date is later than the domestic one.
    assert dates["standard"] and dates["express"]
    assert dates["express"] < dates["standard"]
    assert domestic["standard"] < dates["standard"]


def test_the_order_is_promised_the_date_checkout_showed_with_its_basis(tumbler):
    cart = fill_cart(tumbler)
    shown = _dates(cart, SPRINGFIELD)

    order = place(cart, address=SPRINGFIELD, shipping_method="express", shown_date=shown["express"])

    assert order.promised_date == shown["express"]
    assert order.shipping_method == "express"
    basis = order.promise_basis
    assert basis["method"] == "express" and basis["lines"][0]["plant"] == "sz-engrave"
    assert basis["lines"][0]["ship_days"] > 0
    assert timezone.localdate() + timedelta(days=basis["lines"][0]["delivery_day"]) == (
        order.promised_date
    )


def pause_every_plant() -> None:
    for factory_id in Factory.objects.values_list("pk", flat=True):
        factory_set_status(factory_id=factory_id, status="paused", actor="operator:ops")


def test_no_plant_able_to_deliver_is_refused_before_any_payment(tumbler, authorize_calls):
    # Given the only plant is paused
    pause_every_plant()
    cart = fill_cart(tumbler)

    with pytest.raises(ApplicationError) as refused:
        place(cart, address=SPRINGFIELD)

    assert refused.value.code == "undeliverable"
    assert "No partner factory can make and deliver" in refused.value.detail
    assert authorize_calls == []
    assert not Order.objects.exists() and not Payment.objects.exists()


def test_the_refusal_is_in_the_shoppers_language(tumbler):
    pause_every_plant()
    cart = fill_cart(tumbler)
    with translation.override("zh-hans"), pytest.raises(ApplicationError) as refused:
        place(cart, address=SPRINGFIELD)
    assert "工厂" in refused.value.detail


def test_a_later_live_date_than_shown_is_refused_with_the_new_date_then_accepted(
    tumbler, authorize_calls
):
    cart = fill_cart(tumbler)
    live = _dates(cart, SPRINGFIELD)["standard"]
    too_early = live - timedelta(days=3)

    with pytest.raises(ApplicationError) as refused:
        place(cart, address=SPRINGFIELD, shown_date=too_early)

    assert refused.value.code == "promise_changed"
    assert refused.value.extra["promised_date"] == live.isoformat()
    assert {"shipping_method": "express"}.items() <= refused.value.extra["alternatives"][0].items()
    assert authorize_calls == []
    # When the shopper accepts the later date
    order = place(cart, address=SPRINGFIELD, shown_date=live)
    assert order.promised_date == live


def test_the_checkout_page_shows_a_date_per_method_for_the_typed_address(client, tumbler):
    client.post(tumbler.get_absolute_url(), {"finish": "brushed", "quantity": 1})
    response = client.get(
        "/checkout/delivery/", {"country": "US", "city": "Springfield", "region": "IL"}
    )
    html = response.content.decode()
    shown = dict(re.findall(r'name="shown_(\w+)" value="([\d-]+)"', html))
    assert set(shown) == {"standard", "express"}
    assert date.fromisoformat(shown["express"]) < date.fromisoformat(shown["standard"])
    assert "Springfield" in html


def test_the_refusal_on_the_checkout_page_names_what_works(client, tumbler, authorize_calls):
    pause_every_plant()
    client.post(tumbler.get_absolute_url(), {"finish": "brushed", "quantity": 1})
    page = client.get("/checkout/").content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    response = client.post(
        "/checkout/",
        {
            "idempotency_key": key,
            "email": "jane@example.com",
            **SPRINGFIELD,
            "shipping_method": "standard",
            "payment_provider": "test",
            "card_number": "4242 4242 4242 4242",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "No partner factory can make and deliver" in html
    assert "cannot be delivered to this address in time" in html
    assert authorize_calls == [] and not Order.objects.exists()


def _plan_and_route(order: Order) -> WorkOrder:
    ids = list(
        OutboxMessage.objects.filter(payload__order_id=order.pk).values_list("pk", flat=True)
    )
    created = orders_plan(message_ids=ids)
    work_orders_route(work_order_ids=created)
    return WorkOrder.objects.get(order_id=order.pk)


def test_work_order_due_dates_derive_from_the_sold_promise(tumbler, quiet_broker):
    cart = fill_cart(tumbler)
    order = place(cart, address=SPRINGFIELD)

    work_order = _plan_and_route(order)

    assert work_order.due_date == order.promised_date
    assert work_order.snapshot["delivery"]["method"] == "standard"
    assert work_order.status == "offered"
    offered = work_order.events.get(type="offered").data
    assert date.fromisoformat(offered["delivery_date"]) <= order.promised_date


def test_a_decline_with_no_other_plant_tells_the_customer_once_and_cancel_refunds(
    client, tumbler, quiet_broker, django_capture_on_commit_callbacks, mailoutbox
):
    # Given a paid order offered to the only plant
    with django_capture_on_commit_callbacks(execute=True):
        order = place(fill_cart(tumbler), address=SPRINGFIELD)
    work_order = _plan_and_route(order)
    emails_sent().clear()

    # When the plant declines and the routing sweep runs three times
    with django_capture_on_commit_callbacks(execute=True):
        work_order_decline(
            factory=work_order.factory,
            work_order_id=work_order.pk,
            actor="factory:sz-engrave",
            reason_code="no_material",
        )
        for _ in range(3):
            work_orders_route(include_pending=True)

    # Then the work order is unroutable, and the customer is told once, by email and page
    work_order.refresh_from_db()
    assert work_order.status == "unroutable"
    order.refresh_from_db()
    assert order.status == "placed" and order.promise_broken_at is not None
    assert order.promise_revised_date is None
    assert [m.subject for m in emails_sent()] == [f"Your order {order.number} will be late"]
    assert order.events.filter(code="promise_broken").count() == 1
    # And the operator sees it in the exception list
    exception = ProductionException.objects.get(kind="sla", reference=order.number)
    assert exception.code == "promise_broken" and exception.resolved_at is None

    page = client.get(order.get_absolute_url(), {"token": order.tracking_token}).content.decode()
    assert "Your order will be late" in page and 'id="cancel-for-refund"' in page
    assert 'id="cancel-order"' not in page, "one cancel button: the one for the refund"
    api = client.get(f"/api/v1/orders/{order.number}/", {"token": order.tracking_token}).json()
    assert api["promise"] == {
        "promised_date": order.promised_date.isoformat(),
        "shipping_method": "standard",
        "broken": True,
        "revised_date": None,
        "cancellable_for_refund": True,
    }

    # When the customer cancels for a full refund (sent to the provider after the commit)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/orders/{order.number}/cancel/",
            {"token": order.tracking_token, "reason": "promise_broken"},
        )
    assert response.status_code == 302
    order.refresh_from_db()
    payment = order.payments.get()
    assert order.status == "cancelled"
    assert (payment.status, payment.refunded_amount) == ("refunded", order.total)
    assert WorkOrder.objects.get(pk=work_order.pk).status == "cancelled"
    assert OrderEvent.objects.filter(order=order, code="refunded").count() == 1


def test_an_offer_later_than_the_promise_gives_a_revised_date(
    tumbler, quiet_broker, django_capture_on_commit_callbacks, mailoutbox
):
    # Given an order to Shanghai offered to the Shenzhen plant, and a plant in Wuhan (two
    # days from Shanghai by standard) with no free minutes before the day before the promise
    order = place(fill_cart(tumbler), address=ADDRESS)
    work_order = _plan_and_route(order)
    later = PlantFactory(code="wh-engrave", city="Wuhan", latitude=30.59, longitude=114.31)
    CapacityDay.objects.filter(
        factory=later, day__lt=order.promised_date - timedelta(days=1)
    ).update(available_minutes=0)
    emails_sent().clear()

    # When the Shenzhen plant declines
    with django_capture_on_commit_callbacks(execute=True):
        work_order_decline(
            factory=work_order.factory,
            work_order_id=work_order.pk,
            actor="factory:sz-engrave",
            reason_code="machine_down",
        )
        work_orders_route(include_pending=True)

    # Then Wuhan gets it a day late, and the customer is told the revised date, once
    work_order.refresh_from_db()
    order.refresh_from_db()
    offered = WorkOrderEvent.objects.filter(work_order=work_order, type="offered").last().data
    assert (work_order.status, offered["factory"]) == ("offered", "wh-engrave")
    assert order.promise_revised_date == order.promised_date + timedelta(days=1)
    assert date.fromisoformat(offered["delivery_date"]) == order.promise_revised_date
    assert [m.subject for m in emails_sent()] == [f"Your order {order.number} will be late"]
    assert "The earliest we can now deliver it is" in emails_sent()[0].body


@pytest.mark.parametrize("cause", ["offer_expired", "plant_paused"])
def test_an_expired_offer_or_a_paused_plant_with_no_other_plant_tells_the_customer(
    tumbler, quiet_broker, django_capture_on_commit_callbacks, mailoutbox, cause
):
    from production.services.offers import offers_expire

    order = place(fill_cart(tumbler), address=SPRINGFIELD)
    work_order = _plan_and_route(order)
    emails_sent().clear()

    with django_capture_on_commit_callbacks(execute=True):
        if cause == "offer_expired":
            assert offers_expire(now=timezone.now() + timedelta(days=2)) == [work_order.pk]
        else:
            factory_set_status(
                factory_id=work_order.factory_id, status="paused", actor="operator:ops"
            )
        work_orders_route(include_pending=True)

    order.refresh_from_db()
    assert WorkOrder.objects.get(pk=work_order.pk).status == "unroutable"
    assert order.promise_broken_at is not None and order.promise_revised_date is None
    assert [m.subject for m in emails_sent()] == [f"Your order {order.number} will be late"]


def test_a_design_needing_other_materials_is_dated_after_a_simpler_one(tumbler):
    # Given the page already dated a plain brushed tumbler (its network read is cached)
    plain = fill_cart(tumbler)
    assert _dates(plain, ADDRESS)["standard"] is not None

    # When a matte black, engraved one is dated (other materials)
    from orders.services.cart import cart_get_or_create, cart_line_add
    from orders.services.configurations import configuration_create

    cart = cart_get_or_create(token=None, customer_id=None)
    options = {"capacity": "750ml", "finish": "matte_black", "engraving": "Li Wei"}
    configuration, quantity = configuration_create(
        product=tumbler, raw={"quantity": 2, "options": options}
    )
    cart_line_add(cart=cart, configuration=configuration, quantity=quantity)

    # Then it can be promised too
    assert _dates(cart, ADDRESS)["standard"] is not None


def test_an_imported_order_is_promised_the_live_date_for_its_address(tumbler, quiet_broker):
    # Given a tumbler order sold elsewhere, imported for Springfield with express shipping
    cart = fill_cart(tumbler)
    live = _dates(cart, SPRINGFIELD)
    line = cart.lines.get()

    order = order_place(
        lines=[LineRequest(tumbler, line.configuration, line.quantity)],
        email="buyer@example.com",
        ship_to=SPRINGFIELD,
        actor="import",
        shipping_method="express",
    )

    # Then it is promised what checkout would have promised, not the product's lead time
    assert order.promised_date == live["express"]
    assert order.promise_basis["method"] == "express"
    assert order.promised_date != timezone.localdate() + timedelta(days=tumbler.default_lead_days)


def test_an_imported_order_no_plant_can_make_is_kept_and_its_promise_broken(tumbler, quiet_broker):
    # Given the only plant is paused when an order sold elsewhere is imported
    Factory.objects.update(status="paused")
    cart = fill_cart(tumbler)
    line = cart.lines.get()

    order = order_place(
        lines=[LineRequest(tumbler, line.configuration, line.quantity)],
        email="buyer@example.com",
        ship_to=SPRINGFIELD,
        actor="import",
    )
    _plan_and_route(order)

    # Then the order is kept, and the customer is told its promise cannot be kept
    order.refresh_from_db()
    assert order.promise_broken_at is not None
