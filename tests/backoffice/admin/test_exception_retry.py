"""A failed planning task is listed for operators and retried from the admin."""

import pytest
from django.urls import reverse

from orders.models import OutboxMessage
from production.models import ProductionException, Recipe, WorkOrder
from production.services.planning import orders_plan
from tests.factories import demo_product, place_order

pytestmark = pytest.mark.django_db


def test_an_order_without_a_recipe_is_listed_then_planned_by_an_operators_retry(
    as_operator, django_capture_on_commit_callbacks
):
    # Given an order whose product has no recipe yet: planning fails permanently
    product = demo_product()
    with django_capture_on_commit_callbacks(execute=False):
        order = place_order(product, {"finish": "brushed"})
    Recipe.objects.filter(product_sku=product.sku).delete()
    orders_plan(message_ids=[OutboxMessage.objects.get(payload__order_id=order.pk).pk])
    failure = ProductionException.objects.get(reference=order.number)
    page = as_operator.get(reverse("c2m_admin:exceptions")).content.decode()
    assert order.number in page and "no recipe" in page.lower()

    # When the recipe is back and an operator retries the failure
    demo_product()
    with django_capture_on_commit_callbacks():
        response = as_operator.post(
            reverse("c2m_admin:exceptions"), {"exception": [failure.pk]}, follow=True
        )

    # Then the order has its work order and the exception is resolved by that operator
    assert WorkOrder.objects.filter(order_id=order.pk).count() == 1
    failure.refresh_from_db()
    assert failure.resolved_at is not None and failure.resolved_by.startswith("admin:")
    assert "planned 1 work order(s)" in response.content.decode()
