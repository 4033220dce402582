"""The storefront's one port to production: filled in by production at start, and a clear
error (not an AttributeError deep in a page) when it is not."""

import pytest

from orders import ports
from production.selectors.promise import delivery_promises, earliest_delivery_date
from production.services.cancellation import work_orders_cancel_for_order


def test_production_fills_the_port_in_at_start():
    assert ports._production.delivery_promises is delivery_promises
    assert ports._production.earliest_delivery_date is earliest_delivery_date
    assert ports._production.order_production_cancel is work_orders_cancel_for_order


@pytest.mark.parametrize(
    "call",
    [
        lambda: ports.delivery_promises(lines=[], ship_to={"country": "CN"}, methods=[]),
        lambda: ports.earliest_delivery_date(
            "TEE-PRINT", {}, 1, ship_to={"country": "CN"}, transit=ports.Transit("standard", 1, 1)
        ),
        lambda: ports.order_production_cancel(order_id=1, actor="test"),
    ],
)
def test_an_unfilled_port_says_who_must_fill_it(monkeypatch, call):
    monkeypatch.setattr(ports, "_production", ports._Production())

    with pytest.raises(ports.PortNotFilled, match="production fills it"):
        call()
