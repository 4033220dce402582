"""Plants with a one-centre calendar and offers on the capacity exchange, made through the
services."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from production.models import CapacityOffer, Factory
from production.services.exchange_offers import capacity_offer_publish
from tests.factories import PlantFactory, plant_capacity

CENTRE = "dtg_printer"


def day(offset: int) -> date:
    return timezone.localdate() + timedelta(days=offset)


def exchange_plant(code: str, *, minutes: int = 480, **kwargs) -> Factory:
    plant = PlantFactory(code=code, minutes_per_day=None, **kwargs)
    plant_capacity(plant, minutes_per_day=minutes, centres=[CENTRE])
    return plant


def publish(
    plant: Factory,
    *,
    minutes: int = 480,
    first: int = 1,
    last: int = 5,
    price: str = "2.00",
    minimum: int = 30,
) -> CapacityOffer:
    return capacity_offer_publish(
        factory=plant,
        centre_type=CENTRE,
        first_day=day(first),
        last_day=day(last),
        minutes=minutes,
        price_per_minute=Decimal(price),
        minimum_minutes=minimum,
    )
