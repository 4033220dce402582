"""Shipping days by distance and method, from a plant to a real place."""

from production.geo import CITIES, transit_days

SHENZHEN = CITIES[("CN", "shenzhen")]
GUANGZHOU = {"country": "CN", "region": "广东省", "city": "广州市"}
URUMQI = {"country": "CN", "region": "新疆", "city": "乌鲁木齐"}
SPRINGFIELD = {"country": "US", "region": "IL", "city": "Springfield"}


def test_a_neighbour_city_takes_the_methods_own_days():
    assert transit_days(SHENZHEN, GUANGZHOU, 5, origin_country="CN") == 5
    assert transit_days(SHENZHEN, GUANGZHOU, 2, origin_country="CN") == 2


def test_the_far_west_takes_longer_by_ground_than_by_air():
    standard = transit_days(SHENZHEN, URUMQI, 5, origin_country="CN")
    express = transit_days(SHENZHEN, URUMQI, 2, origin_country="CN")
    assert standard == 8 and express == 3


def test_abroad_adds_distance_and_customs():
    standard = transit_days(SHENZHEN, SPRINGFIELD, 5, origin_country="CN")
    express = transit_days(SHENZHEN, SPRINGFIELD, 2, origin_country="CN")
    assert (standard, express) == (20, 10)
    # An address origin works too, and its country decides the border crossing
    origin = {"country": "US", "region": "IL", "city": "Chicago"}
    assert transit_days(origin, SPRINGFIELD, 5) == 5


def test_an_unplaceable_destination_has_no_transit_time():
    assert transit_days(SHENZHEN, {"country": "ZZ"}, 5) is None
