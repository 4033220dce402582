"""Admin fixtures: two plants, each with staff and work, an operator and a plain staff user."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from orders.models import OutboxMessage
from production.models import WorkOrder
from production.services.planning import orders_plan
from production.services.staff import factory_membership_set
from production.services.work_orders import work_order_transition
from tests.factories import PlantFactory, demo_product, place_order


def planned_work_order(**order_kwargs) -> WorkOrder:
    """A pending work order, planned from a freshly placed order through the services."""
    order = place_order(demo_product(), {"finish": "brushed"}, **order_kwargs)
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
    [work_order_id] = orders_plan(message_ids=[message.pk])
    return WorkOrder.objects.get(pk=work_order_id)


def offered_work_order(factory, **order_kwargs) -> WorkOrder:
    work_order = planned_work_order(**order_kwargs)
    return work_order_transition(
        work_order_id=work_order.pk,
        event="offered",
        actor="system:router",
        data={"factory": factory.code, "city": factory.city},
        changes={"factory": factory},
    )


@pytest.fixture
def plant_a(db):
    return PlantFactory(code="plant-a", name="Plant A")


@pytest.fixture
def plant_b(db):
    return PlantFactory(code="plant-b", name="Plant B")


def _user(django_user_model, username: str, **extra):
    return django_user_model.objects.create_user(
        username, f"{username}@c2m.example", "pw-123456", is_staff=True, **extra
    )


@pytest.fixture
def staff_a(django_user_model, plant_a):
    user = _user(django_user_model, "alice")
    factory_membership_set(user=user, factory=plant_a)
    return user


@pytest.fixture
def operator(django_user_model):
    user = _user(django_user_model, "olga")
    # get_or_create: transactional tests flush the groups the migration made.
    user.groups.add(Group.objects.get_or_create(name="Operators")[0])
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@c2m.example", "pw-123456")


@pytest.fixture
def plain_staff(django_user_model):
    return _user(django_user_model, "paul")


@pytest.fixture
def wo_a(plant_a):
    return offered_work_order(plant_a)


@pytest.fixture
def wo_b(plant_b):
    return offered_work_order(plant_b, email="someone.else@example.com")


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_staff_a(staff_a):
    return logged_in(staff_a)


@pytest.fixture
def as_operator(operator):
    return logged_in(operator)
