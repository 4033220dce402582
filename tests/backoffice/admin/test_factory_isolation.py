"""Factory staff see their own factory's work only: every admin path, another plant → 404."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from production.models import WorkOrderStatus
from production.services.production_files import work_order_files_generate
from tests.backoffice.admin.conftest import offered_work_order
from tests.factories import plant_capacity_cleared

pytestmark = pytest.mark.django_db

WO = "admin:production_workorder"


def test_work_order_list_shows_only_own_rows(as_staff_a, wo_a, wo_b):
    response = as_staff_a.get(reverse(f"{WO}_changelist"))

    assert response.status_code == 200
    body = response.content.decode()
    assert wo_a.number in body
    assert wo_b.number not in body


def test_search_by_other_plants_number_finds_nothing(as_staff_a, wo_a, wo_b):
    response = as_staff_a.get(reverse(f"{WO}_changelist"), {"q": wo_b.order_number})

    assert wo_b.number not in response.content.decode()
    assert response.context["cl"].result_count == 0


def test_search_by_own_order_number_finds_it(as_staff_a, wo_a, wo_b):
    response = as_staff_a.get(reverse(f"{WO}_changelist"), {"q": wo_a.order_number})

    assert response.context["cl"].result_count == 1


def test_filters_hide_factories_and_refuse_hidden_lookups(as_staff_a, wo_a, wo_b):
    response = as_staff_a.get(reverse(f"{WO}_changelist"))
    titles = [spec.title for spec in response.context["cl"].filter_specs]
    assert "factory" not in titles
    assert "Plant B" not in response.content.decode()

    # Probing the customer's address or another factory through URL lookups is refused.
    probe = as_staff_a.get(reverse(f"{WO}_changelist"), {"ship_to__city": "Shanghai"})
    assert probe.status_code in (302, 400)
    probe = as_staff_a.get(reverse(f"{WO}_changelist"), {"factory__id__exact": wo_b.factory_id})
    assert probe.status_code in (302, 400)


@pytest.mark.parametrize("view", ["change", "history", "job_ticket"])
def test_other_plants_object_urls_answer_404(as_staff_a, wo_a, wo_b, view):
    work_order_files_generate(work_order_id=wo_a.pk)
    work_order_files_generate(work_order_id=wo_b.pk)
    own = as_staff_a.get(reverse(f"{WO}_{view}", args=[wo_a.pk]))
    other = as_staff_a.get(reverse(f"{WO}_{view}", args=[wo_b.pk]))

    assert own.status_code == 200
    assert other.status_code == 404


def test_other_plants_file_url_answers_404(as_staff_a, wo_b):
    work_order_files_generate(work_order_id=wo_b.pk)
    response = as_staff_a.get(reverse(f"{WO}_file", args=[wo_b.pk, "job-ticket.pdf"]))

    assert response.status_code == 404


def test_export_contains_only_own_rows_even_if_other_ids_are_posted(as_staff_a, wo_a, wo_b):
    response = as_staff_a.post(
        reverse(f"{WO}_changelist"),
        {"action": "export_csv", "_selected_action": [wo_a.pk, wo_b.pk]},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    numbers = [row[0] for row in rows[1:]]
    assert numbers == [wo_a.number]


def test_autocomplete_offers_only_own_work_orders(as_staff_a, wo_a, wo_b):
    response = as_staff_a.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "production",
            "model_name": "shipment",
            "field_name": "work_order",
            "term": "WO-",
        },
    )

    assert response.status_code == 200
    texts = [r["text"] for r in response.json()["results"]]
    assert texts == [wo_a.number]


def test_actions_on_other_plants_work_order_change_nothing(as_staff_a, wo_b):
    as_staff_a.post(
        reverse(f"{WO}_changelist"), {"action": "accept", "_selected_action": [wo_b.pk]}
    )

    wo_b.refresh_from_db()
    assert wo_b.status == WorkOrderStatus.OFFERED


def test_address_hidden_while_offered_and_shown_after_accept(as_staff_a, wo_a):
    offered = as_staff_a.get(reverse(f"{WO}_change", args=[wo_a.pk])).content.decode()
    assert "88 Century Avenue" not in offered
    assert "li.wei@example.com" not in offered

    as_staff_a.post(
        reverse(f"{WO}_changelist"), {"action": "accept", "_selected_action": [wo_a.pk]}
    )

    accepted = as_staff_a.get(reverse(f"{WO}_change", args=[wo_a.pk])).content.decode()
    assert "88 Century Avenue" in accepted
    assert "li.wei@example.com" not in accepted


def test_timeline_hides_other_plants_decline(as_staff_a, plant_a, plant_b):
    from production.services.factory_actions import work_order_decline
    from production.services.work_orders import work_order_transition

    work_order = offered_work_order(plant_b)
    work_order_decline(
        factory=plant_b,
        work_order_id=work_order.pk,
        actor="factory:plant-b:erp",
        reason_code="price",
        reason="secret reason of B",
    )
    work_order_transition(
        work_order_id=work_order.pk,
        event="offered",
        actor="system:router",
        data={"factory": plant_a.code},
        changes={"factory": plant_a},
    )

    page = as_staff_a.get(reverse(f"{WO}_change", args=[work_order.pk])).content.decode()

    assert "secret reason of B" not in page
    assert "plant-b" not in page


def test_capacity_and_shipments_lists_are_scoped(as_staff_a, wo_a, wo_b, plant_a, plant_b):
    from production.models import CapacityDay, WorkCentre
    from production.services.capacity import CapacityChange, capacity_publish
    from production.services.factory_actions import work_order_accept, work_order_report

    for plant, wo in [(plant_a, wo_a), (plant_b, wo_b)]:
        plant_capacity_cleared(plant)
        WorkCentre.objects.create(factory=plant, type="dtg_printer")
        capacity_publish(factory=plant, changes=[CapacityChange("dtg_printer", wo.due_date, 300)])
        work_order_accept(factory=plant, work_order_id=wo.pk, actor="t")
        for step in ("started", "qc_passed"):
            work_order_report(factory=plant, work_order_id=wo.pk, actor="t", event=step, data={})
        work_order_report(
            factory=plant,
            work_order_id=wo.pk,
            actor="t",
            event="shipped",
            data={"carrier": "SF", "tracking_number": f"SF-{plant.code}"},
        )
    other_day = CapacityDay.objects.get(factory=plant_b)

    shipments = as_staff_a.get(reverse("admin:production_shipment_changelist")).content.decode()
    capacity = as_staff_a.get(reverse("admin:production_capacityday_changelist"))

    assert "SF-plant-a" in shipments and "SF-plant-b" not in shipments
    assert capacity.context["cl"].result_count == 1
    assert (
        as_staff_a.get(
            reverse("admin:production_capacityday_change", args=[other_day.pk])
        ).status_code
        == 404
    )
