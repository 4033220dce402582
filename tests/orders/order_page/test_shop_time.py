"""The order page tells times in the shop's time zone and names the zone, in English and
Chinese; another zone is a setting away."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from orders.models import OrderEvent
from tests.orders.conftest import fill_cart, place
from tests.orders.order_page.conftest import page_of, section, text_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "zone_words"),
    [("en", "Times are China time, UTC+8, newest first."), ("zh-hans", "时间为北京时间，UTC+8")],
)
def test_times_are_in_shanghai_time_with_the_zone_named(
    client, tumbler, quiet_broker, language, zone_words
):
    order = place(fill_cart(tumbler))
    paid = OrderEvent.objects.get(order=order, code="paid").created_at

    timeline = text_of(section(page_of(client, order, language=language), "order-timeline"))

    assert zone_words in timeline
    assert paid.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M") in timeline
    # UTC is not Shanghai: the UTC clock shows only when they agree (never, 8 h apart)
    assert paid.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%d %H:%M") not in timeline


def test_the_shop_time_zone_is_a_setting(client, tumbler, quiet_broker, settings):
    settings.SHOP_TIME_ZONE = "Europe/Berlin"
    order = place(fill_cart(tumbler))
    paid = OrderEvent.objects.get(order=order, code="paid").created_at

    timeline = text_of(section(page_of(client, order), "order-timeline"))

    assert "Times are Europe/Berlin, UTC+1, newest first." in timeline
    assert paid.astimezone(ZoneInfo("Europe/Berlin")).strftime("%Y-%m-%d %H:%M") in timeline
