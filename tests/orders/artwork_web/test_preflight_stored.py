"""The preflight a shopper saw travels with their design: cart, order, work order, factory."""

import pytest

from orders.models import CartLine, OutboxMessage
from orders.services.orders import LineRequest, order_place
from production.api.serializers import WorkOrderDetailSerializer
from production.models import WorkOrder
from production.services.planning import orders_plan
from tests.factories import SHIP_TO, demo_product
from tests.orders.artwork_web.conftest import png, upload

pytestmark = pytest.mark.django_db
WARNING = "203 DPI at this size may print slightly blurry"


@pytest.fixture
def soft_design(client):
    """A tee whose 1200 x 1600 px artwork covers half the front: 203 DPI, a warning."""
    tee = demo_product("TEE-PRINT")
    art = upload(client, png()).json()["id"]
    design = {"size": "M", "colour": "#FFFFFF", "artwork_front": art, "quantity": 1}
    response = client.post(tee.get_absolute_url(), design | {"artwork_front.scale": "0.5"})
    assert response.status_code == 302
    return tee, CartLine.objects.get().configuration


def test_the_report_is_stored_with_the_configuration_and_shown_in_the_cart(client, soft_design):
    _, configuration = soft_design

    report = configuration.preflight["artwork_front"]
    assert report["level"] == "warning" and 203 <= report["effective_dpi"] < 204
    assert WARNING in client.get("/cart/").content.decode()


def test_the_order_line_work_order_and_factory_api_keep_it(
    client, soft_design, django_capture_on_commit_callbacks
):
    tee, configuration = soft_design
    with django_capture_on_commit_callbacks():
        order = order_place(
            lines=[LineRequest(product=tee, configuration=configuration, quantity=1)],
            email="li.wei@example.com",
            ship_to=SHIP_TO,
            actor="customer",
        )
    orders_plan(message_ids=[OutboxMessage.objects.get(payload__order_id=order.pk).pk])

    line = order.lines.get()
    assert line.preflight == configuration.preflight
    page = client.get(f"{order.get_absolute_url()}?token={order.tracking_token}")
    assert WARNING in page.content.decode()
    factory_view = WorkOrderDetailSerializer(WorkOrder.objects.get(order_id=order.pk)).data
    assert factory_view["artwork_preflight"]["artwork_front"]["level"] == "warning"
