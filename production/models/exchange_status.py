"""The status machine of a capacity-exchange booking.

``production.services.exchange_bookings.capacity_booking_move`` is the only writer of
``CapacityBooking.status``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CapacityBookingStatus(models.TextChoices):
    # Booked by a business: the minutes are held on the plant's calendar until it answers.
    PENDING = "pending", _("Awaiting the plant")
    # The plant confirmed: the minutes are the business's, and the plant's earnings are
    # in the ledger. Final: a confirmed booking is invoiced and cannot be cancelled.
    CONFIRMED = "confirmed", _("Confirmed")
    # The plant declined: the minutes are free again.
    DECLINED = "declined", _("Declined by the plant")
    # The business cancelled before the plant answered: the minutes are free again.
    CANCELLED = "cancelled", _("Cancelled by the business")


_S = CapacityBookingStatus
CAPACITY_BOOKING_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.CONFIRMED, _S.DECLINED, _S.CANCELLED}),
    _S.CONFIRMED: frozenset(),
    _S.DECLINED: frozenset(),
    _S.CANCELLED: frozenset(),
}
# Statuses whose minutes are held on the capacity calendar.
HOLDS_CAPACITY = frozenset({_S.PENDING, _S.CONFIRMED})
