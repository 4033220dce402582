"""The plant's staff see express work first in the admin's work-order list."""

from __future__ import annotations

import pytest
from django.test import Client

from production.services.routing import work_orders_route
from production.services.staff import factory_membership_set
from tests.factories import PlantFactory, demo_product
from tests.orders.services.conftest import buy
from tests.production.test_express_production import planned

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_broker(monkeypatch):
    """Planning driven here, not by a session's worker (see tests/orders/conftest.py)."""
    from orders.services import outbox

    monkeypatch.setattr(outbox, "_send", lambda topic, message_ids: None)


def test_express_work_is_listed_first_to_the_plant_and_marked(django_user_model, quiet_broker):
    plant = PlantFactory(code="sz-engrave", city="Shenzhen", express_days=2)
    tumbler = demo_product("TUMBLER-ENGRAVED")
    standard = planned(buy(tumbler, finish="brushed"))
    express = planned(buy(tumbler, finish="brushed", services=["express_production"]))
    work_orders_route(work_order_ids=[standard.pk, express.pk])
    user = django_user_model.objects.create_user("ming", "ming@c2m.example", "pw-1", is_staff=True)
    factory_membership_set(user=user, factory=plant)
    client = Client()
    client.force_login(user)

    html = client.get("/admin/production/workorder/").content.decode()

    assert html.index(express.number) < html.index(standard.number)
    assert "express production" in html.lower()  # the column
