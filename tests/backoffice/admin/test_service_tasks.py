"""Operators see the platform's paid services as tasks and move them from the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from orders.models import ServiceTask
from tests.orders.services.conftest import OAK_TABLE, buy, table_for_sale

pytestmark = pytest.mark.django_db


@pytest.fixture
def table(db, monkeypatch):
    from orders.services import outbox

    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)  # no planning here
    return table_for_sale()


def act(client, action, task):
    return client.post(
        reverse("admin:orders_servicetask_changelist"),
        {"action": action, "_selected_action": [task.pk]},
        follow=True,
    )


def test_an_operator_finds_the_design_help_to_give_and_works_it_to_done(as_operator, table):
    order = buy(table, **OAK_TABLE, services=["design_help", "assembly"])
    task = ServiceTask.objects.get(order=order)

    listing = as_operator.get(
        reverse("admin:orders_servicetask_changelist"), {"status__exact": "open"}
    )
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "Design help from our studio" in html and order.number in html
    assert "Assembled" not in html  # the plant's, on its work order

    act(as_operator, "start", task)
    act(as_operator, "finish", task)

    task.refresh_from_db()
    assert task.status == "done"
    assert [(e.from_status, e.to_status) for e in task.events.all()] == [
        ("", "open"),
        ("open", "in_progress"),
        ("in_progress", "done"),
    ]
    assert task.events.last().actor == "admin:olga"


def test_done_before_anyone_started_is_refused_with_the_task_named(as_operator, table):
    order = buy(table, **OAK_TABLE, services=["care_plan"])
    task = ServiceTask.objects.get(order=order)

    page = act(as_operator, "finish", task)

    task.refresh_from_db()
    assert task.status == "open"
    assert f"Task {task.pk} (care_plan)" in page.content.decode()


def test_factory_staff_do_not_see_the_operators_tasks(as_staff_a):
    response = as_staff_a.get(reverse("admin:orders_servicetask_changelist"))

    assert response.status_code in (302, 403, 404)
