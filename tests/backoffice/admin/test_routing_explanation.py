"""Operators read on a work order's admin page why the router chose its factory; factory staff
never see the other plants' costs."""

from __future__ import annotations

import pytest

from production.services.routing import work_orders_route
from production.services.staff import factory_membership_set
from tests.backoffice.admin.conftest import logged_in
from tests.production.routing_service.conftest import (  # noqa: F401 - fixture
    _on_time_only,
    make_plant,
    make_work_orders,
)

pytestmark = pytest.mark.django_db


def change_page(client, work_order) -> str:
    return client.get(f"/admin/production/workorder/{work_order.pk}/change/").content.decode()


def test_operator_sees_every_candidate_with_its_costs_and_why(operator):
    # Given a cheap plant without laser engraving and a dearer DTG printer
    make_plant("laser-shop", rate="0.10", capabilities=("laser_engrave", "qc", "pack"))
    make_plant("dtg-print", rate="2.00")
    [tee] = make_work_orders({"minutes": 60})

    # When the router offers the T-shirt
    work_orders_route(work_order_ids=[tee.pk])

    # Then the operator's page shows the decision, the chosen plant's cost and the refusal
    html = change_page(logged_in(operator), tee)
    assert "Offered" in html and "routing (operators only)" in html.lower()
    assert "<strong>dtg-print</strong>" in html and "120.00" in html
    assert "laser-shop" in html and "lacks a required capability" in html


def test_factory_staff_see_no_routing_explanation(django_user_model):
    printer = make_plant("dtg-print", rate="2.00")
    make_plant("rival-print", rate="3.00")
    [tee] = make_work_orders({"minutes": 60})
    work_orders_route(work_order_ids=[tee.pk])
    user = django_user_model.objects.create_user("pia", "pia@p.example", "pw", is_staff=True)
    factory_membership_set(user=user, factory=printer)

    html = change_page(logged_in(user), tee)

    assert tee.number in html
    assert "rival-print" not in html and "operators only" not in html
