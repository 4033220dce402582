from decimal import Decimal

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class WorkCentre(models.Model):
    """A kind of station a plant runs (``dtg_printer``, ``laser``, ``sewing_line``, ``cnc``)."""

    factory = models.ForeignKey(
        "production.Factory", on_delete=models.CASCADE, related_name="work_centres"
    )
    type = models.SlugField(max_length=40)
    name = models.CharField(max_length=100, blank=True)
    # Published minutes on an ordinary working day, before holidays and maintenance.
    default_minutes_per_day = models.PositiveIntegerField(default=480)
    works_weekends = models.BooleanField(default=False)
    # What the plant charges per operation minute on this centre type (routing cost).
    cost_per_minute = models.DecimalField(max_digits=8, decimal_places=4, default=Decimal("0.50"))
    # Average electrical draw while running; blank: the typical draw of the type
    # (production.carbon.factors.TYPICAL_POWER_KW). Turns minutes into kWh for carbon.
    power_kw = models.DecimalField(
        max_digits=7,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_("Average draw while running, kW; blank for the type's typical draw"),
    )

    class Meta:
        ordering = ["factory", "type"]
        constraints = [
            models.UniqueConstraint(fields=["factory", "type"], name="work_centre_type_unique")
        ]

    def __str__(self) -> str:
        return f"{self.factory_id}:{self.type}"


class CapacityDay(models.Model):
    """Minutes a plant offers on one work-centre type on one day, and how many are booked.

    ``reserved_minutes`` only changes through the reservation service, under a row lock,
    so concurrent routing runs can never book more than ``available_minutes``.
    """

    factory = models.ForeignKey(
        "production.Factory", on_delete=models.CASCADE, related_name="capacity_days"
    )
    centre_type = models.SlugField(max_length=40)
    day = models.DateField()
    available_minutes = models.PositiveIntegerField(default=0)
    reserved_minutes = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=100, blank=True, help_text=_("e.g. holiday, maintenance"))

    class Meta:
        ordering = ["factory", "day", "centre_type"]
        constraints = [
            models.UniqueConstraint(
                fields=["factory", "centre_type", "day"], name="capacity_day_unique"
            ),
            models.CheckConstraint(
                condition=Q(reserved_minutes__lte=F("available_minutes")),
                name="capacity_never_overbooked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.factory_id}:{self.centre_type}@{self.day}"


class CapacityReservation(models.Model):
    """Minutes booked for one work order on one day; released on decline, timeout, cancel."""

    work_order = models.ForeignKey(
        "production.WorkOrder", on_delete=models.CASCADE, related_name="reservations"
    )
    capacity_day = models.ForeignKey(
        CapacityDay, on_delete=models.PROTECT, related_name="reservations"
    )
    minutes = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["work_order"],
                condition=Q(released_at__isnull=True),
                name="reservation_open_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.work_order_id} {self.minutes} min"
