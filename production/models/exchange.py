"""The capacity exchange: idle minutes a plant offers to businesses, and their bookings.

A booking holds its minutes on the plant's capacity calendar (``CapacityDay``) from the
moment it is made, so the router sees them as taken; declining or cancelling gives them
back. ``booked_minutes`` on the offer and the calendar's check constraint keep both
from ever being booked twice.
"""

from datetime import date, timedelta

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .exchange_status import CapacityBookingStatus


class CapacityOffer(models.Model):
    """Idle minutes of one work-centre type between two days, at a price per minute."""

    factory = models.ForeignKey(
        "production.Factory",
        on_delete=models.CASCADE,
        related_name="capacity_offers",
        verbose_name=_("factory"),
    )
    centre_type = models.SlugField(_("work-centre type"), max_length=40)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    # All the minutes offered over the date range; each booking takes minutes of one day.
    minutes = models.PositiveIntegerField(_("minutes offered"))
    minimum_minutes = models.PositiveIntegerField(_("minimum booking (minutes)"), default=1)
    price_per_minute = models.DecimalField(_("price per minute"), max_digits=8, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    # Minutes held by pending and confirmed bookings; written only under the offer's lock.
    booked_minutes = models.PositiveIntegerField(_("minutes booked"), default=0)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    created_at = models.DateTimeField(_("published at"), auto_now_add=True)

    class Meta:
        ordering = ["first_day", "pk"]
        verbose_name = _("capacity offer")
        verbose_name_plural = _("capacity offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(booked_minutes__lte=F("minutes")), name="offer_never_overbooked"
            ),
            models.CheckConstraint(
                condition=Q(first_day__lte=F("last_day")), name="offer_days_in_order"
            ),
            models.CheckConstraint(
                condition=Q(minimum_minutes__gte=1, minimum_minutes__lte=F("minutes")),
                name="offer_minimum_within_minutes",
            ),
            models.CheckConstraint(
                condition=Q(price_per_minute__gt=0), name="offer_price_positive"
            ),
        ]
        indexes = [models.Index(fields=["centre_type", "last_day"])]

    def __str__(self) -> str:
        return f"{self.factory_id}:{self.centre_type} {self.first_day}–{self.last_day}"

    @property
    def free_minutes(self) -> int:
        return self.minutes - self.booked_minutes


class CapacityBooking(models.Model):
    """Minutes of one offer on each day of a span (``day`` and the ``days`` after it,
    ``minutes`` every day), booked by a business account in one request. One number, one
    status for the whole span: confirming, declining and cancelling act on every day."""

    number = models.CharField(_("number"), max_length=20, unique=True)
    offer = models.ForeignKey(
        CapacityOffer, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("offer")
    )
    factory = models.ForeignKey(
        "production.Factory",
        on_delete=models.PROTECT,
        related_name="capacity_bookings",
        verbose_name=_("factory"),
    )
    # The span's first day on the plant's calendar (the others are found by factory,
    # centre type and day: ``capacity_days_held``).
    capacity_day = models.ForeignKey(
        "production.CapacityDay", on_delete=models.PROTECT, related_name="bookings"
    )
    # The business account (merchants app) by id: production never imports merchants.
    buyer_account_id = models.PositiveBigIntegerField(_("business account"), db_index=True)
    buyer_name = models.CharField(_("business"), max_length=200)
    centre_type = models.SlugField(_("work-centre type"), max_length=40)
    # The first day of the span; a single-day booking has ``days`` 1.
    day = models.DateField(_("first day"))
    days = models.PositiveSmallIntegerField(_("days"), default=1)
    minutes = models.PositiveIntegerField(_("minutes per day"))
    price_per_minute = models.DecimalField(_("price per minute"), max_digits=8, decimal_places=2)
    # What the business pays (for every day of the span), the platform's margin of it,
    # and the plant's earnings.
    cost = models.DecimalField(_("cost"), max_digits=12, decimal_places=2)
    platform_margin = models.DecimalField(_("platform margin"), max_digits=12, decimal_places=2)
    plant_earnings = models.DecimalField(_("plant earnings"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=CapacityBookingStatus.choices,
        default=CapacityBookingStatus.PENDING,
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("capacity booking")
        verbose_name_plural = _("capacity bookings")
        constraints = [
            models.CheckConstraint(
                condition=Q(cost=F("platform_margin") + F("plant_earnings")),
                name="booking_cost_splits",
            ),
            models.CheckConstraint(condition=Q(days__gte=1), name="booking_spans_a_day"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def last_day(self) -> date:
        return self.day + timedelta(days=self.days - 1)

    @property
    def total_minutes(self) -> int:
        return self.minutes * self.days


class CapacityBookingEvent(models.Model):
    """One move of a booking's status: who, when, from, to."""

    booking = models.ForeignKey(CapacityBooking, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=12, blank=True)
    to_status = models.CharField(_("to"), max_length=12)
    actor = models.CharField(_("by"), max_length=120)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("booking event")
        verbose_name_plural = _("booking events")

    def __str__(self) -> str:
        return f"{self.booking_id}: {self.from_status or '—'} → {self.to_status}"
