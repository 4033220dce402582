"""The operators' exception list: offers past their factory's SLA are listed for re-routing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from production.models import WorkOrder
from tests.backoffice.admin.conftest import offered_work_order
from tests.factories import PlantFactory

pytestmark = pytest.mark.django_db


def offered_hours_ago(plant, hours: float) -> WorkOrder:
    work_order = offered_work_order(plant)
    then = timezone.now() - timedelta(hours=hours)
    WorkOrder.objects.filter(pk=work_order.pk).update(updated_at=then)
    return work_order


def test_offers_past_their_factorys_sla_are_listed(as_operator):
    # Given a plant with the default 4 h SLA and a patient one with 12 h
    quick = PlantFactory(code="quick", offer_sla_hours=4)
    patient = PlantFactory(code="patient", offer_sla_hours=12)
    late = offered_hours_ago(quick, 5)
    fresh = offered_hours_ago(quick, 3)
    waiting = offered_hours_ago(patient, 5)

    # When the operator opens the exception list
    response = as_operator.get("/admin/c2m/exceptions/")

    # Then only the offer past its own plant's SLA is there
    assert response.status_code == 200
    html = response.content.decode()
    assert late.number in html
    assert fresh.number not in html and waiting.number not in html
