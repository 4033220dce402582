"""Reads of the capacity exchange: bookable offers for businesses, a plant's own offers
and bookings, and the views the merchant API gets through ``orders.ports``."""

from __future__ import annotations

from datetime import date

from django.db.models import F, QuerySet
from django.utils import timezone

from orders.ports import ExchangeBooking, ExchangeOffer, ExchangeSearch
from production.geo import china
from production.geo.places import distance_km, place
from production.models import CapacityBooking, CapacityOffer, FactoryStatus

# A search answers at most this many offers (cheapest first).
SEARCH_LIMIT = 100


def bookable_offers(*, today: date | None = None) -> QuerySet[CapacityOffer]:
    """Offers a business may book from: not withdrawn, not over, with at least a minimum
    booking left, at an active plant."""
    today = today or timezone.localdate()
    return CapacityOffer.objects.filter(
        withdrawn_at__isnull=True,
        last_day__gte=today,
        factory__status=FactoryStatus.ACTIVE,
        minutes__gte=F("booked_minutes") + F("minimum_minutes"),
    )


def offers_search(search: ExchangeSearch, *, today: date | None = None) -> list[ExchangeOffer]:
    """The bookable offers matching ``search``, cheapest first, then nearest."""
    offers = bookable_offers(today=today).select_related("factory")
    if search.centre_type:
        offers = offers.filter(centre_type=search.centre_type)
    if search.capability:
        offers = offers.filter(factory__capabilities__code=search.capability)
    if search.day:
        offers = offers.filter(first_day__lte=search.day, last_day__gte=search.day)
    if search.max_price_per_minute is not None:
        offers = offers.filter(price_per_minute__lte=search.max_price_per_minute)
    offers = offers.prefetch_related("factory__capabilities").order_by("price_per_minute", "pk")
    wanted_province = china.province(search.province) if search.province else None
    found = []
    for offer in offers[: SEARCH_LIMIT * 5]:
        factory = offer.factory
        at = (float(factory.latitude), float(factory.longitude))
        distance = round(distance_km(search.near, at), 1) if search.near else None
        if search.within_km is not None and (distance is None or distance > search.within_km):
            continue
        if search.province and not _in_province(factory, wanted_province):
            continue
        found.append(_offer_view(offer, distance))
    found.sort(key=lambda o: (o.price_per_minute, o.distance_km or 0.0, o.id))
    return found[:SEARCH_LIMIT]


def buyer_bookings(*, buyer_account_id: int) -> QuerySet[CapacityBooking]:
    """One business account's bookings, newest first."""
    return CapacityBooking.objects.filter(buyer_account_id=buyer_account_id).select_related(
        "factory"
    )


def booking_view(booking: CapacityBooking) -> ExchangeBooking:
    return ExchangeBooking(
        number=booking.number,
        offer_id=booking.offer_id,
        plant=booking.factory.name,
        centre_type=booking.centre_type,
        day=booking.day,
        last_day=booking.last_day,
        days=booking.days,
        minutes=booking.minutes,
        price_per_minute=booking.price_per_minute,
        cost=booking.cost,
        currency=booking.currency,
        status=booking.status,
        created_at=booking.created_at,
        updated_at=booking.updated_at,
    )


def _in_province(factory, wanted) -> bool:
    if wanted is None:
        return False
    where = place({"country": factory.country, "city": factory.city})
    return where is not None and where.region == wanted.name


def _offer_view(offer: CapacityOffer, distance: float | None) -> ExchangeOffer:
    factory = offer.factory
    return ExchangeOffer(
        id=offer.pk,
        plant=factory.name,
        city=factory.city,
        country=factory.country,
        capabilities=sorted(c.code for c in factory.capabilities.all()),
        centre_type=offer.centre_type,
        first_day=offer.first_day,
        last_day=offer.last_day,
        free_minutes=offer.free_minutes,
        minimum_minutes=offer.minimum_minutes,
        price_per_minute=offer.price_per_minute,
        currency=offer.currency,
        distance_km=distance,
    )
