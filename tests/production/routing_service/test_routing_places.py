"""Routing by real places: customers and plants in different provinces.

The customer's address is only names (country, province, city), in Chinese or pinyin;
the router must place it from the administrative-division table to pick the near plant
and to know when shipping alone takes longer than the time left.
"""

import pytest

from production.geo import place
from production.models import RoutingDecision
from production.services.routing import work_orders_route
from tests.factories import SHIP_TO
from tests.production.routing_service.conftest import make_plant, make_work_orders

pytestmark = pytest.mark.django_db

URUMQI = {**SHIP_TO, "region": "新疆维吾尔自治区", "city": "乌鲁木齐市", "postal_code": "830000"}
LANZHOU = {**SHIP_TO, "region": "Gansu", "city": "Lanzhou", "postal_code": "730000"}
SHENZHEN_PLANT = {"city": "Shenzhen", "latitude": 22.5435, "longitude": 114.0579}
GUANGZHOU_PLANT = {"city": "Guangzhou", "latitude": 23.1291, "longitude": 113.2644}
URUMQI_PLANT = {"city": "Urumqi", "latitude": 43.8256, "longitude": 87.6168}
JIUQUAN_PLANT = {"city": "Jiuquan", "latitude": 39.7328, "longitude": 98.4939}


def test_a_customer_in_urumqi_gets_the_plant_in_xinjiang_not_the_one_in_guangdong():
    # Given the same plant, rate and capacity in Shenzhen and in Urumqi
    shenzhen = make_plant("shenzhen", **SHENZHEN_PLANT)
    urumqi = make_plant("urumqi", **URUMQI_PLANT)
    # And a T-shirt for a customer in 乌鲁木齐, due in a week
    [tee] = make_work_orders({"minutes": 60, "due": 7, "ship_to": URUMQI})

    work_orders_route(work_order_ids=[tee.pk])

    # Then the plant next door gets it; the one 3,300 km away costs more to ship from
    tee.refresh_from_db()
    assert tee.factory == urumqi
    why = {c["factory"]: c for c in RoutingDecision.objects.get(work_order=tee).candidates}
    assert why["shenzhen"]["chosen"] is False
    assert "more than the chosen factory" in why["shenzhen"]["why"]
    assert shenzhen.pk != urumqi.pk


def test_work_due_soon_in_xinjiang_is_unroutable_from_guangdong_alone():
    # Given only a plant in Shenzhen, four days' drive from Urumqi
    make_plant("shenzhen", **SHENZHEN_PLANT)
    # And work for Urumqi due in two days
    [tee] = make_work_orders({"minutes": 60, "due": 2, "ship_to": URUMQI})

    outcome = work_orders_route(work_order_ids=[tee.pk])

    # Then shipping alone takes longer than the time left: nobody is offered it
    tee.refresh_from_db()
    assert outcome["unroutable"] == 1 and tee.status == "unroutable" and tee.factory is None


def test_a_customer_in_gansu_gets_the_plant_in_gansu_not_the_one_in_guangdong():
    # Given plants in Guangzhou (1,600 km from Lanzhou) and Jiuquan (650 km), alike
    make_plant("guangzhou", **GUANGZHOU_PLANT)
    jiuquan = make_plant("jiuquan", **JIUQUAN_PLANT)
    [tee] = make_work_orders({"minutes": 60, "due": 7, "ship_to": LANZHOU})

    work_orders_route(work_order_ids=[tee.pk])

    tee.refresh_from_db()
    assert tee.factory == jiuquan


@pytest.mark.parametrize(
    ("address", "province", "city"),
    [
        ({"country": "CN", "region": "广东省", "city": "深圳市"}, "广东省", "深圳市"),
        ({"country": "CN", "region": "广东", "city": "深圳"}, "广东省", "深圳市"),
        ({"country": "CN", "region": "Guangdong", "city": "Shenzhen"}, "广东省", "深圳市"),
        ({"country": "CN", "region": "Xinjiang", "city": "Urumqi"}, "新疆维吾尔自治区", "乌鲁木齐市"),  # noqa: E501
        ({"country": "CN", "region": "Shaanxi", "city": "Xi'an"}, "陕西省", "西安市"),
        ({"country": "CN", "region": "Shanxi", "city": "Taiyuan"}, "山西省", "太原市"),
        ({"country": "CN", "region": "Anhui", "city": "Suzhou"}, "安徽省", "宿州市"),
        ({"country": "CN", "region": "Jiangsu", "city": "Suzhou"}, "江苏省", "苏州市"),
        ({"country": "CN", "region": "Inner Mongolia", "city": "Hohhot"}, "内蒙古自治区", "呼和浩特市"),  # noqa: E501
        ({"country": "CN", "city": "Beijing"}, "北京市", "北京市"),
    ],
)  # fmt: skip
def test_chinese_addresses_are_placed_at_city_level_in_chinese_or_pinyin(address, province, city):
    found = place(address)
    assert (found.region, found.city, found.level) == (province, city, "city")


def test_an_unknown_city_falls_back_to_its_province_not_to_shanghai():
    found = place({"country": "CN", "region": "甘肃省", "city": "No Such Town"})
    assert found.level == "region" and found.region == "甘肃省"
    assert round(found.at[0]) == 36 and round(found.at[1]) == 104  # Lanzhou, the seat


def test_addresses_abroad_are_placed_at_city_state_or_country_level():
    springfield = place({"country": "US", "region": "IL", "city": "Springfield"})
    texas = place({"country": "US", "region": "Texas", "city": "Nowhere"})
    munich = place({"country": "DE", "city": "München"})
    assert springfield.level == "city" and round(springfield.at[1]) == -90  # not Missouri's
    assert texas.level == "region" and 28 < texas.at[0] < 34 and -100 < texas.at[1] < -94
    assert munich.level == "city" and round(munich.at[0]) == 48
    assert place({"country": "FR"}).level == "country"
