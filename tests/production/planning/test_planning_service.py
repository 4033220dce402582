"""Planning compiles paid orders into work orders in batches, and never loses a failure."""

from datetime import timedelta

import pytest
from django.utils import timezone

from c2m.errors import Conflict
from demo.paid_orders import demo_recipes_seed, paid_orders_create
from demo.recipes import TUMBLER_RECIPE
from orders.models import OrderLine, OutboxMessage
from production.models import ProductionException, Recipe, WorkOrder
from production.recipes import RecipeError
from production.services.planning import orders_plan, planning_exception_retry
from production.services.recipes import recipe_upsert

pytestmark = pytest.mark.django_db


@pytest.fixture
def recipes():
    demo_recipes_seed()


def test_a_batch_of_mixed_orders_gets_one_work_order_per_line_in_a_few_queries(
    recipes, django_assert_max_num_queries
):
    message_ids = paid_orders_create(60, seed=1)
    lines = OrderLine.objects.count()

    with django_assert_max_num_queries(12):
        created = orders_plan(message_ids=message_ids)

    assert len(created) == lines > 60
    assert WorkOrder.objects.values("order_line_id").distinct().count() == lines
    assert not OutboxMessage.objects.filter(processed_at__isnull=True).exists()


def test_a_work_order_snapshot_has_what_the_factory_and_the_router_need(recipes):
    [message_id] = paid_orders_create(1, seed=3, skus=["SHIRT-MTM"], max_lines=1)
    line = OrderLine.objects.get()

    orders_plan(message_ids=[message_id])

    work_order = WorkOrder.objects.get()
    snapshot = work_order.snapshot
    assert snapshot["configuration"] == line.configuration
    assert snapshot["batch_key"] == work_order.content_hash == line.configuration_hash
    assert [op["code"] for op in snapshot["operations"]][:2] == ["cut", "sew"]
    assert set(snapshot["minutes_by_centre"]) >= {"cutting_table", "sewing_line", "packing"}
    assert "fabric-" + line.configuration["fabric"] in snapshot["materials"]
    assert all(f["kind"] == "embroidery" for f in snapshot["files"])
    assert work_order.required_capabilities == snapshot["capabilities"]
    assert work_order.due_date == timezone.localdate() + timedelta(days=14)


def test_two_messages_for_one_order_still_make_one_set_of_work_orders(recipes):
    [message_id] = paid_orders_create(1, seed=4)
    order_id = OutboxMessage.objects.get(pk=message_id).payload["order_id"]
    duplicate = OutboxMessage.objects.create(topic="order.paid", payload={"order_id": order_id})

    first = orders_plan(message_ids=[message_id])
    second = orders_plan(message_ids=[duplicate.pk])

    assert first and second == []
    assert WorkOrder.objects.count() == OrderLine.objects.count()


def test_an_order_without_a_recipe_lands_in_the_exception_list_without_blocking_others(
    recipes,
):
    good = paid_orders_create(3, seed=5, skus=["TEE-PRINT"])
    [bad] = paid_orders_create(1, seed=6, skus=["TUMBLER-ENGRAVED"], max_lines=1)
    Recipe.objects.filter(product_sku="TUMBLER-ENGRAVED").delete()

    orders_plan(message_ids=[*good, bad])
    orders_plan(message_ids=[bad])  # the broker delivers it again: still one exception

    exception = ProductionException.objects.get()
    bad_order = OutboxMessage.objects.get(pk=bad).payload["order_id"]
    assert (exception.kind, exception.code) == ("planning", "recipe_missing")
    assert "TUMBLER-ENGRAVED" in exception.error
    assert exception.data == {"message_id": bad, "order_id": bad_order}
    assert exception.resolved_at is None
    assert not WorkOrder.objects.filter(order_id=bad_order).exists()
    assert WorkOrder.objects.count() == OrderLine.objects.exclude(order_id=bad_order).count()
    assert not OutboxMessage.objects.filter(processed_at__isnull=True).exists()


def test_staff_retry_after_the_recipe_is_added_plans_the_order_and_resolves_it(
    recipes, django_capture_on_commit_callbacks
):
    Recipe.objects.filter(product_sku="TUMBLER-ENGRAVED").delete()
    [bad] = paid_orders_create(1, seed=7, skus=["TUMBLER-ENGRAVED"], max_lines=2)
    orders_plan(message_ids=[bad])
    exception = ProductionException.objects.get()

    failed_again = planning_exception_retry(exception_id=exception.pk, actor="admin:mei")
    exception.refresh_from_db()
    assert failed_again.failed and exception.attempts == 2 and exception.resolved_at is None

    recipe_upsert(**TUMBLER_RECIPE)
    with django_capture_on_commit_callbacks():
        outcome = planning_exception_retry(exception_id=exception.pk, actor="admin:mei")

    exception.refresh_from_db()
    assert len(outcome.created) == OrderLine.objects.count()
    assert exception.resolved_at is not None and exception.resolved_by == "admin:mei"
    with pytest.raises(Conflict):
        planning_exception_retry(exception_id=exception.pk, actor="admin:mei")


def test_a_formula_failing_on_one_configuration_is_a_permanent_failure(recipes):
    [message_id] = paid_orders_create(1, seed=8, skus=["SHIRT-MTM"], max_lines=1)
    line = OrderLine.objects.get()
    line.configuration = {**line.configuration, "fabric": "silk"}  # a fabric the recipe lacks
    line.save()

    orders_plan(message_ids=[message_id])

    exception = ProductionException.objects.get()
    assert exception.code == "formula_error"
    assert "no entry 'silk'" in exception.error
    assert not WorkOrder.objects.exists()


def test_a_recipe_broken_in_the_database_fails_planning_visibly(recipes):
    Recipe.objects.filter(product_sku="TEE-PRINT").update(
        operations=[{"code": "x", "capability": "qc", "centre": "c", "run_minutes": "open(1)"}]
    )
    [message_id] = paid_orders_create(1, seed=9, skus=["TEE-PRINT"])

    orders_plan(message_ids=[message_id])

    assert ProductionException.objects.get().code == "recipe_invalid"


def test_an_invalid_recipe_is_never_saved():
    with pytest.raises(RecipeError):
        recipe_upsert(
            **{
                **TUMBLER_RECIPE,
                "tables": {},
                "operations": [
                    {"code": "x", "capability": "qc", "centre": "c", "run_minutes": "rates[finish]"}
                ],
            }
        )
    assert not Recipe.objects.exists()


def test_a_batch_failing_after_every_retry_is_listed_and_can_be_retried(recipes):
    from django.db import OperationalError

    from production.tasks import plan_orders

    message_ids = paid_orders_create(2, seed=12, skus=["TEE-PRINT"])

    plan_orders.on_failure(OperationalError("db gone"), "task-1", (message_ids,), {}, None)

    exception = ProductionException.objects.get()
    assert exception.code == "retries_exhausted" and "db gone" in exception.error
    outcome = planning_exception_retry(exception_id=exception.pk, actor="admin:mei")
    assert len(outcome.created) == OrderLine.objects.count()
    exception.refresh_from_db()
    assert exception.resolved_at is not None


def test_the_admin_form_refuses_a_recipe_with_a_bad_formula():
    from django.core.exceptions import ValidationError

    recipe = Recipe(
        **{
            **TUMBLER_RECIPE,
            "bill_of_materials": [
                {"material": "tape", "unit": "m", "quantity": "__import__('os')"}
            ],
        }
    )

    with pytest.raises(ValidationError) as error:
        recipe.full_clean()
    assert "bill_of_materials[0].quantity" in str(error.value)
