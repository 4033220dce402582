"""The dashboard for one factory, on the hand-checked history of test_dashboard.

Per factory (period 2026-03-01 … 03-10):
  p1 was offered wA (declined it) and wB (holds it): orders it worked on: B (placed 03-02,
     129.00, li@x); offers 2, declined 1, re-offers 0; QC 1 passed; nothing shipped;
     capacity 03-03 240/480; wB booked first on that day (idle).
  p2 holds wA (a re-offer after p1's decline) and wC: orders A (03-01, 94.00, service 15)
     and C (03-02, 158.00, service 2 × 20); QC 2 passed, 1 failed; wA shipped 03-04 (3.0
     days, on time), wC shipped 03-07 (5.0 days, due 03-06: late); capacity 03-03 100/400;
     wA booked first on that day (idle), wC second while wA's booking was open.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from backoffice.selectors.dashboard import dashboard_figures
from production.models import Factory
from production.services.staff import factory_membership_set
from tests.backoffice.admin.conftest import logged_in
from tests.backoffice.admin.test_dashboard import PERIOD, history  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db
URL = "c2m_admin:dashboard"
MARCH = {"start": "2026-03-01", "end": "2026-03-10"}


@pytest.fixture
def p1(history):  # noqa: F811
    return Factory.objects.get(code="p1")


@pytest.fixture
def p2(history):  # noqa: F811
    return Factory.objects.get(code="p2")


@pytest.fixture
def p2_staff(django_user_model, p2):
    user = django_user_model.objects.create_user("wang", "wang@p2.example", "pw-123456")
    factory_membership_set(user=user, factory=p2)
    return user


def test_figures_for_one_factory(p2):
    figures = dashboard_figures(PERIOD, p2)

    assert figures["orders_per_day"] == {date(2026, 3, 1): 1, date(2026, 3, 2): 1}
    assert figures["work_orders_per_day"] == {date(2026, 3, 1): 1, date(2026, 3, 2): 1}
    assert list(figures["factories"]) == ["p2"]
    row = figures["factories"]["p2"]
    assert (row["offered"], row["reoffered"], row["declined"]) == (2, 1, 0)
    assert (row["decline_rate"], row["reroute_rate"]) == (0.0, 0.5)
    assert (row["qc_passed"], row["qc_failed"], row["qc_failure_rate"]) == (2, 1, 0.3333)
    assert (row["reserved"], row["available"], row["utilization"]) == (100, 400, 0.25)
    assert figures["lead"] == {
        "count": 2,
        "avg_days": 4.0,
        "p90_days": 4.8,
        "on_time": 1,
        "on_time_rate": 0.5,
    }
    assert figures["idle"] == {"orders": 2, "idle": 1, "share": 0.5}
    assert figures["revenue"] == {
        "service": Decimal("50.00"),
        "total": Decimal("252.00"),
        "share": 0.1984,
    }
    # bob's C came 10 days after his D (an order of any plant, before the period).
    assert figures["repurchase"] == {"customers": 2, "repeat": 1, "rate": 0.5}
    assert figures["utilization_per_day"] == {date(2026, 3, 3): 0.25}


def test_figures_for_the_factory_that_declined(p1):
    figures = dashboard_figures(PERIOD, p1)

    # Order A is not p1's: it declined wA, which p2 then made.
    assert figures["orders_per_day"] == {date(2026, 3, 2): 1}
    row = figures["factories"]["p1"]
    assert (row["offered"], row["declined"], row["decline_rate"]) == (2, 1, 0.5)
    assert (row["reroute_rate"], row["qc_failure_rate"], row["utilization"]) == (0.0, 0.0, 0.5)
    assert figures["lead"]["count"] == 0 and figures["lead"]["on_time_rate"] is None
    assert figures["idle"] == {"orders": 1, "idle": 1, "share": 1.0}
    assert figures["revenue"]["total"] == Decimal("129.00")
    # B came a day after li's A (made by p2): li ordered again.
    assert figures["repurchase"] == {"customers": 1, "repeat": 1, "rate": 1.0}


def test_without_commercial_figures_revenue_and_repurchase_are_left_out(p2):
    figures = dashboard_figures(PERIOD, p2, commercial=False)

    assert figures["revenue"] is None and figures["repurchase"] is None
    assert figures["idle"]["share"] == 0.5


def test_operator_chooses_a_factory(as_operator, p1, p2):
    page = as_operator.get(reverse(URL), {**MARCH, "factory": p2.pk})

    assert page.status_code == 200
    body = page.content.decode()
    assert f"{p2.name} <small>(p2)</small>, 1 Mar 2026" in body
    assert [r["code"] for r in page.context["per_factory"]] == ["p2"]
    assert "20%" in body  # service revenue share of A and C: 50 of 252
    assert "(1 of 2)" in body  # idle capacity
    # Two figures' charts and the seven measures'.
    assert body.count('<svg xmlns="http://www.w3.org/2000/svg" viewBox') == 9
    assert f'<option value="{p1.pk}">' in body  # may switch to another factory


def test_factory_staff_see_their_factory_only(p1, p2, p2_staff):
    page = logged_in(p2_staff).get(reverse(URL), MARCH)

    assert page.status_code == 200
    assert page.context["factory"] == p2
    body = page.content.decode()
    assert [r["code"] for r in page.context["per_factory"]] == ["p2"]
    assert "(p1)" not in body and p1.name not in body
    assert 'name="factory"' not in body  # no factory to choose
    assert page.context["figures"]["revenue"] is None
    assert "service revenue share" not in body and "repurchase rate" not in body
    assert 'data-measure="service_revenue"' not in body
    assert 'data-measure="repurchase"' not in body
    assert "(1 of 2)" in body  # p2's idle-capacity bookings, not the platform's 2 of 3


@pytest.mark.parametrize("factory", ["other", "abc", "999999", "-1"])
def test_factory_staff_asking_for_another_factory_get_404(p1, p2, p2_staff, factory):
    value = {"other": p1.pk}.get(factory, factory)

    page = logged_in(p2_staff).get(reverse(URL), {**MARCH, "factory": value})

    assert page.status_code == 404


def test_factory_staff_naming_their_own_factory_get_it(p2, p2_staff):
    page = logged_in(p2_staff).get(reverse(URL), {**MARCH, "factory": p2.pk})

    assert page.status_code == 200
    assert page.context["factory"] == p2


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"factory": "abc"}, "Choose a factory from the list."),
        ({"factory": "999999"}, "Choose a factory from the list."),
        ({"factory": "99999999999999999999999"}, "Choose a factory from the list."),
        ({"factory": "1\x00"}, "Null characters are not allowed."),
        ({"start": "2026-02-30"}, "Enter a valid date."),
        ({"end": "tomorrow"}, "Enter a valid date."),
        ({"end": "2026-03-10\x00"}, "Enter a valid date."),
        ({"start": ""}, "This field is required."),
        ({"start": "1999-12-31"}, "Choose dates between 1 Jan 2000 and 31 Dec 2099."),
        ({"end": "9999-12-31"}, "Choose dates between 1 Jan 2000 and 31 Dec 2099."),
        ({"start": "2025-01-01", "end": "2026-03-01"}, "Choose at most 366 days."),
    ],
)
def test_bad_query_input_is_a_message_on_the_page(as_operator, p1, query, message):
    page = as_operator.get(reverse(URL), {**MARCH, **query})

    assert page.status_code == 200
    assert message in page.content.decode()
    assert "figures" not in page.context


def test_missing_dates_default_to_the_last_30_days(as_operator, p1):
    page = as_operator.get(reverse(URL), {"factory": p1.pk})

    assert page.status_code == 200
    period = page.context["period"]
    assert (period.end - period.start).days == 29
    assert page.context["factory"] == p1
