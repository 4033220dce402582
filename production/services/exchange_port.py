"""Production's side of ``orders.ports.CapacityExchange``: what the merchant API may do on
the capacity exchange, always for one business account."""

from __future__ import annotations

from datetime import date

from c2m.errors import NotFound
from orders.ports import ExchangeBooking, ExchangeOffer, ExchangeSearch
from production.selectors.exchange import booking_view, buyer_bookings, offers_search
from production.services.exchange_bookings import capacity_booking_cancel, capacity_booking_create


def _actor(account_id: int) -> str:
    return f"business:{account_id}"


class ProductionCapacityExchange:
    def offers_search(self, search: ExchangeSearch) -> list[ExchangeOffer]:
        return offers_search(search)

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
        booking = capacity_booking_create(
            offer_id=offer_id,
            buyer_account_id=account_id,
            buyer_name=account_name,
            day=day,
            last_day=last_day,
            minutes=minutes,
            actor=_actor(account_id),
        )
        return self.booking(account_id=account_id, number=booking.number)

    def bookings(self, *, account_id: int) -> list[ExchangeBooking]:
        return [booking_view(b) for b in buyer_bookings(buyer_account_id=account_id)]

    def booking(self, *, account_id: int, number: str) -> ExchangeBooking:
        booking = buyer_bookings(buyer_account_id=account_id).filter(number=number).first()
        if booking is None:
            raise NotFound("No such booking.", code="booking_not_found")
        return booking_view(booking)

    def booking_cancel(self, *, account_id: int, number: str) -> ExchangeBooking:
        capacity_booking_cancel(
            buyer_account_id=account_id, number=number, actor=_actor(account_id)
        )
        return self.booking(account_id=account_id, number=number)
