"""Routing can split a large work order into parts; each part is its own work order."""

import pytest

from c2m.errors import ApplicationError, Conflict
from demo.paid_orders import demo_recipes_seed, paid_orders_create
from orders.models import OrderEvent, OrderLine
from production.models import WorkOrder
from production.services.planning import orders_plan
from production.services.splits import work_order_split
from production.services.work_orders import work_order_transition

pytestmark = pytest.mark.django_db


@pytest.fixture
def tees():
    """One line of 500 printed tees (the most the configurator takes)."""
    demo_recipes_seed()
    [message_id] = paid_orders_create(1, seed=11, skus=["TEE-PRINT"], max_lines=1)
    OrderLine.objects.update(quantity=500)
    [work_order_id] = orders_plan(message_ids=[message_id])
    return WorkOrder.objects.get(pk=work_order_id)


def test_500_tees_split_across_two_plants(tees):
    original = next(op for op in tees.snapshot["operations"] if op["code"] == "print_front")

    parts = work_order_split(work_order_id=tees.pk, quantities=[300, 200], actor="router")

    assert [(p.part, p.quantity) for p in parts] == [(1, 300), (2, 200)]
    assert parts[1].number == f"{tees.number}.2"
    assert set(WorkOrder.objects.values_list("order_line_id", flat=True)) == {tees.order_line_id}
    printing = {
        p.part: next(op for op in p.snapshot["operations"] if op["code"] == "print_front")
        for p in WorkOrder.objects.all()
    }
    # Each part sets the printer up again (10 min) and prints its own tees.
    per_unit = original["run_minutes_per_unit"]
    assert printing[2]["minutes"] == f"{10 + float(per_unit) * 200:.2f}"
    assert printing[1]["minutes"] == f"{10 + float(per_unit) * 300:.2f}"
    assert parts[0].snapshot["configuration"] == parts[1].snapshot["configuration"]
    assert OrderEvent.objects.filter(code="work_order_split").count() == 1


def test_a_part_can_be_split_again_and_gets_the_next_part_numbers(tees):
    _, second = work_order_split(work_order_id=tees.pk, quantities=[300, 200], actor="r")

    parts = work_order_split(work_order_id=second.pk, quantities=[150, 50], actor="r")

    assert [(p.part, p.quantity, p.number) for p in parts] == [
        (2, 150, second.number),
        (3, 50, f"{tees.number}.3"),
    ]
    assert sum(WorkOrder.objects.values_list("quantity", flat=True)) == 500


@pytest.mark.parametrize("quantities", [[500], [300, 100], [0, 500], [250.5, 249.5], "500"])
def test_parts_must_be_positive_whole_numbers_adding_up(tees, quantities):
    with pytest.raises(ApplicationError) as error:
        work_order_split(work_order_id=tees.pk, quantities=quantities, actor="router")
    assert error.value.code == "invalid_split"
    assert WorkOrder.objects.count() == 1


def test_a_work_order_offered_to_a_factory_cannot_be_split(tees, plant):
    work_order_transition(
        work_order_id=tees.pk,
        event="offered",
        actor="router",
        changes={"factory": plant},
    )
    with pytest.raises(Conflict):
        work_order_split(work_order_id=tees.pk, quantities=[400, 100], actor="router")
