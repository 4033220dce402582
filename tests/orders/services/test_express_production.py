"""Express production as a shopper buys it: a paid service of the tumbler's "Services"
that buys an earlier date, only sold when some plant's express lane can make it sooner."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from backoffice.selectors.dashboard.orders import Period, service_revenue
from c2m.errors import ApplicationError
from orders.services.cart import cart_get_or_create, cart_line_add
from orders.services.checkout import checkout_promises
from orders.services.configurations import configuration_create
from orders.services.promise import shipping_promises
from tests.factories import PlantFactory, demo_product
from tests.orders.conftest import ADDRESS

from .conftest import buy

pytestmark = pytest.mark.django_db

EXPRESS = {"finish": "brushed", "services": ["express_production"]}


@pytest.fixture
def tumbler(db):
    return demo_product("TUMBLER-ENGRAVED")


@pytest.fixture
def express_plant(db):
    """A Shenzhen plant that keeps its first two days of capacity for express work."""
    return PlantFactory(code="sz-engrave", city="Shenzhen", express_days=2)


def promised(express: bool):
    [standard, *_] = shipping_promises(
        lines=[("TUMBLER-ENGRAVED", {"finish": "brushed"}, 2, express)], ship_to=ADDRESS
    )
    return standard.date


def test_an_express_line_is_promised_two_days_sooner_than_the_same_line_standard(
    tumbler, express_plant
):
    standard, express = promised(False), promised(True)

    assert standard is not None and express is not None
    assert express == standard - timedelta(days=2)  # the plant's express lane


def test_express_is_priced_as_a_service_and_counted_as_service_revenue(tumbler, express_plant):
    order = buy(tumbler, quantity=2, **EXPRESS)

    [line] = order.lines.all()
    [entry] = [e for e in line.price_breakdown if e["kind"] == "service"]
    assert entry["code"] == "service_express_production"
    assert entry["amount"] == "25.00" and entry["per_unit"] is False
    assert entry["service"] == {
        "code": "express_production",
        "fulfilment": "plant",
        "express": True,
    }
    assert line.line_total == Decimal("129.00") * 2 + Decimal("25.00")
    # The order is promised (and the line marked) with the express date.
    assert line.express_date == order.promised_date == promised(True)

    today = timezone.localdate()
    revenue = service_revenue(period=Period(today - timedelta(days=1), today + timedelta(days=1)))
    assert revenue["service"] == Decimal("25.00")


def test_the_order_page_shows_the_date_express_bought_in_english_and_chinese(
    tumbler, express_plant
):
    order = buy(tumbler, **EXPRESS)
    by = order.lines.get().express_date

    for language, text in (
        ("en", "Express production: made and delivered by"),
        ("zh-hans", "加急生产："),
    ):
        page = Client(headers={"accept-language": language}).get(
            order.get_absolute_url(), {"token": order.tracking_token}
        )
        html = page.content.decode()
        assert f'data-express-by="{by.isoformat()}"' in html
        assert text in html


def test_the_product_page_shows_the_earlier_date_express_buys(client, tumbler, express_plant):
    query = {"finish": "brushed", "quantity": 1}

    english = client.get(tumbler.get_absolute_url(), query).content.decode()
    chinese = client.get(
        tumbler.get_absolute_url(), query, headers={"accept-language": "zh-hans"}
    ).content.decode()

    assert "Express production: made and delivered by" in english
    assert "加急生产：" in chinese


def test_without_an_express_lane_express_is_not_sold(client, tumbler):
    PlantFactory(code="sz-engrave", city="Shenzhen")  # no express lane: nothing is sooner

    page = client.get(tumbler.get_absolute_url(), {**EXPRESS, "quantity": 1})
    assert "Express production is not available for this design right now" in page.content.decode()
    assert promised(True) == promised(False)
    with pytest.raises(ApplicationError) as refused:
        buy(tumbler, **EXPRESS)
    assert refused.value.code == "express_unavailable"
    assert "cannot make" in refused.value.detail


def test_standard_work_is_not_planned_on_the_express_lane(tumbler):
    PlantFactory(code="sz-engrave", city="Shenzhen")
    before = promised(False)
    PlantFactory(code="sz-engrave", city="Shenzhen", express_days=2, minutes_per_day=0)
    cache.clear()  # promises are cached for a minute, like the capacity they read

    assert promised(False) == before + timedelta(days=2)


def test_cart_and_checkout_date_the_cart_with_the_express_lane(tumbler, express_plant):
    cart = cart_get_or_create(token=None, customer_id=None)
    configuration, _ = configuration_create(
        product=tumbler, raw={"quantity": 2, "options": EXPRESS}
    )
    cart_line_add(cart=cart, configuration=configuration, quantity=2)

    [standard, *_] = checkout_promises(cart=cart, ship_to=ADDRESS)

    assert standard.express is True
    assert standard.date == promised(True) < promised(False)
