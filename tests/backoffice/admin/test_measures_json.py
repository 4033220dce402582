"""The measures as JSON for operators, and what needs attention on the dashboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from production.services.factory_actions import work_order_accept
from production.services.factory_status import factory_set_status
from production.services.routing import work_orders_route
from tests.backoffice.admin.conftest import logged_in, offered_work_order, planned_work_order

pytestmark = pytest.mark.django_db
URL = "c2m_admin:measures"


def test_operators_get_each_measure_for_the_period_and_the_one_before(operator, plant_a):
    offered_work_order(plant_a)
    today = timezone.localdate()
    response = logged_in(operator).get(
        reverse(URL), {"start": (today - timedelta(days=6)).isoformat(), "end": today.isoformat()}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["previous_period"] == {
        "start": (today - timedelta(days=13)).isoformat(),
        "end": (today - timedelta(days=7)).isoformat(),
    }
    assert set(body["measures"]) == {
        "repurchase",
        "on_time",
        "capacity_use",
        "collaboration",
        "carbon",
        "claim_rate",
        "service_revenue",
    }
    assert body["measures"]["repurchase"]["current"]["customers"] == 1
    assert body["units"]["carbon"] == "kg CO2e per order"


def test_a_bad_period_is_a_structured_400(operator):
    response = logged_in(operator).get(reverse(URL), {"start": "2026-03-10", "end": "2026-03-01"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "must start before it ends" in response.json()["errors"]["__all__"][0]


def test_factory_staff_and_plain_staff_get_404(staff_a, django_user_model):
    plain = django_user_model.objects.create_user("sam", "s@x.example", "pw", is_staff=True)
    assert logged_in(staff_a).get(reverse(URL)).status_code == 404
    assert logged_in(plain).get(reverse(URL)).status_code == 404


def test_the_dashboard_lists_unroutable_and_late_work(operator, plant_a, staff_a):
    # The only plant paused: nothing can take this order's work.
    factory_set_status(factory_id=plant_a.pk, status="paused", actor="olga")
    stuck = planned_work_order(email="no-plant@x.example")
    work_orders_route(work_order_ids=[stuck.pk])
    factory_set_status(factory_id=plant_a.pk, status="active", actor="olga")
    late = offered_work_order(plant_a)
    work_order_accept(factory=plant_a, work_order_id=late.pk, actor="t")
    with pytest.MonkeyPatch.context() as patch:
        tomorrow = timezone.localdate() + timedelta(
            days=(late.due_date - timezone.localdate()).days + 2
        )
        patch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
        page = logged_in(operator).get(reverse("c2m_admin:dashboard"))
        own = logged_in(staff_a).get(reverse("c2m_admin:dashboard"))

    attention = page.context["attention"]
    assert [w["number"] for w in attention["unroutable"]] == [stuck.number]
    assert [w["number"] for w in attention["late"]] == [late.number]
    assert attention["late"][0]["days_late"] == 2
    assert stuck.number in page.content.decode()
    # A plant's staff see their late work, and no list of unroutable work.
    assert [w["number"] for w in own.context["attention"]["late"]] == [late.number]
    assert stuck.number not in own.content.decode()
