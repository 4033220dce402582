"""The one declared port from the storefront to production.

The storefront needs production synchronously for two things only: the delivery promise
(product page, cart, checkout) and stopping an order's production when the order is
cancelled. Orders declares them here and never imports production; production fills them
in at app start (``production.apps.ProductionConfig.ready``). Everything else crosses the
seam asynchronously: the ``order.paid`` outbox event down, ``production_feedback`` up.

The merchant API (``merchants``, which builds on orders and never imports production)
reaches production's capacity exchange through the second port here,
``capacity_exchange()``: search a plant's idle capacity, book it, follow and cancel the
bookings of one business account.

Calling a port nobody filled in raises ``PortNotFilled``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Protocol, TypeVar


@dataclass(frozen=True)
class Transit:
    """A shipping method as the plants see it: ``handling_days`` at the carrier plus the
    network's days per 1000 km times ``ship_speed``."""

    method: str
    handling_days: int
    ship_speed: float


@dataclass(frozen=True)
class PromiseLine:
    product_sku: str
    configuration: Mapping[str, Any]
    quantity: int
    # Express production was chosen: plan the line in the plants' express lane.
    express: bool = False


@dataclass(frozen=True)
class DeliveryPromise:
    """The date an order can be promised with one method, and what it rests on."""

    method: str
    date: date
    basis: dict[str, Any]


class DeliveryPromises(Protocol):
    def __call__(
        self,
        *,
        lines: Sequence[PromiseLine],
        ship_to: Mapping[str, Any],
        methods: Sequence[Transit],
    ) -> dict[str, DeliveryPromise | None]:
        """For each method, the first day every line could arrive at ``ship_to``; None for
        a method with which some line cannot be made and delivered. An express line's
        basis says ``"express": true`` and its ``standard_delivery_day`` (None: standard
        work could not deliver it at all), so the storefront sees what express buys."""


class EarliestDeliveryDate(Protocol):
    def __call__(
        self,
        product_sku: str,
        configuration: Mapping[str, Any] | None,
        quantity: int,
        *,
        ship_to: Mapping[str, Any],
        transit: Transit,
        express: bool = False,
    ) -> date | None:
        """One design's promise (the product page's "made and delivered by"); with
        ``express``, in the plants' express lane."""


class OrderProductionCancel(Protocol):
    def __call__(self, *, order_id: int, actor: str) -> list[int]:
        """Cancel the order's work orders and release their capacity; the ids cancelled.
        Raises ``Conflict`` (code ``already_accepted``) once a plant has accepted work."""


@dataclass(frozen=True)
class ExchangeSearch:
    """What a business looks for; every field optional. ``near`` (latitude, longitude)
    with ``within_km`` limits the distance to the plant."""

    centre_type: str | None = None
    capability: str | None = None
    province: str | None = None
    near: tuple[float, float] | None = None
    within_km: float | None = None
    day: date | None = None
    max_price_per_minute: Decimal | None = None


@dataclass(frozen=True)
class ExchangeOffer:
    """A plant's idle capacity as businesses see it (the plant by name and place only)."""

    id: int
    plant: str
    city: str
    country: str
    capabilities: list[str]
    centre_type: str
    first_day: date
    last_day: date
    free_minutes: int
    minimum_minutes: int
    price_per_minute: Decimal
    currency: str
    distance_km: float | None


@dataclass(frozen=True)
class ExchangeBooking:
    """One booking as the business that made it sees it: ``minutes`` on every day from
    ``day`` to ``last_day`` (``days`` of them; one for a single-day booking)."""

    number: str
    offer_id: int
    plant: str
    centre_type: str
    day: date
    last_day: date
    days: int
    minutes: int
    price_per_minute: Decimal
    cost: Decimal
    currency: str
    status: str
    created_at: datetime
    updated_at: datetime


class CapacityExchange(Protocol):
    """Production's capacity exchange, for one business account at a time. Refusals
    raise ``c2m.errors.ApplicationError`` subclasses (400, 404, 409) with stable codes."""

    def offers_search(self, search: ExchangeSearch) -> list[ExchangeOffer]:
        """Bookable offers (not withdrawn, not over, with minutes left), cheapest first."""

    def booking_create(
        self,
        *,
        account_id: int,
        account_name: str,
        offer_id: int,
        day: date,
        minutes: int,
        last_day: date | None = None,
    ) -> ExchangeBooking:
        """Book ``minutes`` of an offer on ``day`` (and every day up to ``last_day``) under
        one number; every day or none, never more than are free (409 naming the day)."""

    def bookings(self, *, account_id: int) -> list[ExchangeBooking]:
        """The account's bookings, newest first; never another account's."""

    def booking(self, *, account_id: int, number: str) -> ExchangeBooking:
        """One of the account's bookings; ``NotFound`` for any other."""

    def booking_cancel(self, *, account_id: int, number: str) -> ExchangeBooking:
        """Cancel the account's booking while the plant has not confirmed it."""


_Port = TypeVar("_Port")


class PortNotFilled(RuntimeError):
    """The storefront asked production for something before production filled the port in
    (its app is not installed, or ``ready()`` has not run)."""


@dataclass
class _Production:
    delivery_promises: DeliveryPromises | None = None
    earliest_delivery_date: EarliestDeliveryDate | None = None
    order_production_cancel: OrderProductionCancel | None = None
    capacity_exchange: CapacityExchange | None = None


_production = _Production()


def production_port_fill(
    *,
    delivery_promises: DeliveryPromises,
    earliest_delivery_date: EarliestDeliveryDate,
    order_production_cancel: OrderProductionCancel,
    capacity_exchange: CapacityExchange | None = None,
) -> None:
    """Production's side of the port: called once, from its ``AppConfig.ready``."""
    _production.delivery_promises = delivery_promises
    _production.earliest_delivery_date = earliest_delivery_date
    _production.order_production_cancel = order_production_cancel
    _production.capacity_exchange = capacity_exchange


def delivery_promises(
    *, lines: Sequence[PromiseLine], ship_to: Mapping[str, Any], methods: Sequence[Transit]
) -> dict[str, DeliveryPromise | None]:
    """Production's promise per shipping method (see ``DeliveryPromises``)."""
    port = _filled(_production.delivery_promises, "delivery_promises")
    return port(lines=lines, ship_to=ship_to, methods=methods)


def earliest_delivery_date(
    product_sku: str,
    configuration: Mapping[str, Any] | None,
    quantity: int,
    *,
    ship_to: Mapping[str, Any],
    transit: Transit,
    express: bool = False,
) -> date | None:
    """Production's promise for one design (see ``EarliestDeliveryDate``)."""
    port = _filled(_production.earliest_delivery_date, "earliest_delivery_date")
    return port(
        product_sku, configuration, quantity, ship_to=ship_to, transit=transit, express=express
    )


def order_production_cancel(*, order_id: int, actor: str) -> list[int]:
    """Stop the order's production (see ``OrderProductionCancel``); raises ``Conflict``
    once a plant has accepted work."""
    port = _filled(_production.order_production_cancel, "order_production_cancel")
    return port(order_id=order_id, actor=actor)


def capacity_exchange() -> CapacityExchange:
    """Production's capacity exchange (see ``CapacityExchange``)."""
    return _filled(_production.capacity_exchange, "capacity_exchange")


def _filled(found: _Port | None, name: str) -> _Port:
    if found is None:
        raise PortNotFilled(
            f"orders.ports.{name} is not filled in: production fills it in its AppConfig.ready()."
        )
    return found
