"""A screen-printed shirt with a neck label and a gift box reaches the plant as exactly that.

The order is placed through the services; the real worker plans and routes it as in
production; the plant reads it through the factory API and the operator in the admin.
"""

from __future__ import annotations

import pytest

from production.models import WorkOrder, WorkOrderStatus
from production.services.api_keys import api_key_create
from tests.conftest import wait_for
from tests.factories import PlantFactory, demo_product, place_order

pytestmark = pytest.mark.django_db(transaction=True)

API = "/api/factory/v1/"
SCREEN_TEE = {
    "size": "L",
    "colour": "#111111",
    "print_method": "screen",
    "artwork_front": {"artwork_id": "art_8f3a"},
    "extras": ["neck_label", "gift_box"],
}
SCREEN_WORK = {"screen_setup", "screen_print_front", "screen_print_neck_label", "pack_gift_box"}
SCREEN_MATERIALS = {"screen-frame-mesh-156", "plastisol-ink", "gift-box-tee"}
DTG_MATERIALS = {"dtg-ink-cmyk", "dtg-ink-white", "pretreatment"}


def test_a_screen_print_tee_with_gift_box_and_neck_label_goes_to_a_screen_printer(
    celery_worker_process, client, django_user_model
):
    # A DTG plant next door to the customer in Shanghai, a screen printer far away.
    dtg_next_door = PlantFactory(
        code="sh-dtg", city="Shanghai", latitude=31.23, longitude=121.47, minutes_per_day=2000
    )
    screen_printer = PlantFactory(
        code="sz-screen",
        city="Shenzhen",
        latitude=22.54,
        longitude=114.06,
        capabilities=("screen_print", "qc", "pack"),
        minutes_per_day=2000,
    )
    product = demo_product("TEE-PRINT")

    order = place_order(product, SCREEN_TEE, quantity=24)

    offered = wait_for(
        lambda: WorkOrder.objects.filter(order_id=order.pk, status=WorkOrderStatus.OFFERED).first(),
        timeout=60,
    )
    assert offered.factory_id == screen_printer.pk != dtg_next_door.pk
    assert offered.required_capabilities == ["pack", "qc", "screen_print"]

    key = api_key_create(factory=screen_printer, name="plant")[1]
    detail = client.get(
        f"{API}work-orders/{offered.pk}/", HTTP_AUTHORIZATION=f"Api-Key {key}"
    ).json()
    operations = {op["code"] for op in detail["operations"]}
    materials = {line["material"] for line in detail["bill_of_materials"]}
    assert operations >= SCREEN_WORK
    assert not any(op["capability"] == "dtg_print" for op in detail["operations"])
    assert materials >= SCREEN_MATERIALS and not DTG_MATERIALS & materials
    assert detail["required_capabilities"] == ["pack", "qc", "screen_print"]
    # The set-up the shopper paid for once is made once: 2 screens (black cloth) + 1 label.
    setup = next(op for op in detail["operations"] if op["code"] == "screen_setup")
    assert setup["minutes"] == "60.00"
    gift_boxes = next(m for m in detail["bill_of_materials"] if m["material"] == "gift-box-tee")
    assert gift_boxes["quantity"] == "24"

    client.force_login(django_user_model.objects.create_superuser("op", "op@x.example", "pw"))
    page = client.get(f"/admin/production/workorder/{offered.pk}/change/").content.decode()
    for shown in [*SCREEN_WORK, *SCREEN_MATERIALS, "screen_print"]:
        assert shown in page
    assert not [w for w in ("dtg_print", "dtg-ink", "pretreat") if w in page]
    # The routing explanation says why the plant next door was passed over.
    assert "lacks a required capability" in page
