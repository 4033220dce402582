"""What each role may open: operators run the platform, factory staff their plant, and
a staff user with no role sees nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.backoffice.admin.conftest import logged_in

pytestmark = pytest.mark.django_db

OPERATOR_ONLY = [
    "admin:orders_product_changelist",
    "admin:orders_order_changelist",
    "admin:production_factory_changelist",
    "admin:production_recipe_changelist",
    "admin:production_factoryapikey_changelist",
    "admin:production_factorymembership_changelist",
    "admin:auth_user_changelist",
    "c2m_admin:exceptions",
]
FACTORY_FACING = [
    "admin:production_workorder_changelist",
    "admin:production_capacityday_changelist",
    "admin:production_shipment_changelist",
    "admin:production_capacityday_calendar",
    "c2m_admin:dashboard",
]


@pytest.mark.parametrize("url", OPERATOR_ONLY + FACTORY_FACING)
def test_operator_opens_every_page(as_operator, plant_a, url):
    assert as_operator.get(reverse(url)).status_code == 200


@pytest.mark.parametrize("url", FACTORY_FACING)
def test_factory_staff_open_their_pages(as_staff_a, url):
    assert as_staff_a.get(reverse(url)).status_code == 200


@pytest.mark.parametrize("url", OPERATOR_ONLY)
def test_factory_staff_cannot_open_operator_pages(as_staff_a, url):
    assert as_staff_a.get(reverse(url)).status_code in (403, 404)


@pytest.mark.parametrize("url", OPERATOR_ONLY + FACTORY_FACING)
def test_staff_without_a_role_sees_nothing(plain_staff, plant_a, url):
    assert logged_in(plain_staff).get(reverse(url)).status_code in (403, 404)


def test_index_lists_only_what_each_role_may_use(as_operator, as_staff_a, plain_staff):
    staff_page = as_staff_a.get(reverse("admin:index")).content.decode()
    for shown in ["Work orders", "Capacity calendar", "Dashboard"]:
        assert shown in staff_page
    for hidden in ["Products", "Factories", "Users", "Exceptions", "Recipes"]:
        assert hidden not in staff_page

    operator_page = as_operator.get(reverse("admin:index")).content.decode()
    for shown in ["Products", "Factories", "Users", "Dashboard", "Exceptions"]:
        assert shown in operator_page

    nobody = logged_in(plain_staff).get(reverse("admin:index")).content.decode()
    assert "Work orders" not in nobody and "Dashboard" not in nobody


def test_factory_staff_cannot_change_factories_catalog_or_users(as_staff_a, plant_a, staff_a):
    urls = [
        reverse("admin:production_factory_change", args=[plant_a.pk]),
        reverse("admin:auth_user_change", args=[staff_a.pk]),
        reverse("admin:orders_product_add"),
        reverse("admin:production_factoryapikey_add"),
    ]
    for url in urls:
        assert as_staff_a.post(url, {"name": "hacked"}).status_code in (403, 404)
    plant_a.refresh_from_db()
    assert plant_a.name == "Plant A"


def test_factory_actions_and_operator_actions_are_split(as_operator, as_staff_a, wo_a):
    url = reverse("admin:production_workorder_changelist")
    staff_actions = set(dict(as_staff_a.get(url).context["action_form"].fields["action"].choices))
    operator_actions = set(
        dict(as_operator.get(url).context["action_form"].fields["action"].choices)
    )

    assert {"accept", "decline", "start", "ship"} <= staff_actions
    assert not {"reroute", "cancel"} & staff_actions
    assert {"reroute", "cancel"} <= operator_actions
    assert not {"accept", "ship"} & operator_actions


def test_operator_cannot_make_a_superuser(as_operator, plain_staff):
    page = as_operator.get(reverse("admin:auth_user_change", args=[plain_staff.pk]))

    assert b'name="is_superuser"' not in page.content
