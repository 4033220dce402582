"""What a paid order owes after the goods: the platform's service tasks and warranties."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from .order import Order, OrderLine
from .service_task_status import ServiceTaskStatus


class ServiceTask(models.Model):
    """A paid service the platform performs for one order line, for an operator to do."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="service_tasks")
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.CASCADE, related_name="service_tasks"
    )
    # The service code of the catalog's service component (``design_help``, ``care_plan``).
    service = models.CharField(max_length=64)
    # The service's name in both languages as it was sold: {"en": ..., "zh-hans": ...}.
    label = models.JSONField(default=dict)
    status = models.CharField(
        max_length=12, choices=ServiceTaskStatus.choices, default=ServiceTaskStatus.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("service task")
        constraints = [
            models.UniqueConstraint(
                fields=["order_line", "service"], name="service_task_once_per_line"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="service_task_queue")]

    def __str__(self) -> str:
        return f"{self.service} for {self.order_id}/{self.order_line_id}"

    @property
    def number(self) -> str:
        """How operators' messages name the task."""
        return f"Task {self.pk} ({self.service})"


class ServiceTaskEvent(models.Model):
    """One move of a service task: who, when, from, to."""

    task = models.ForeignKey(ServiceTask, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    actor = models.CharField(max_length=100)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.from_status}→{self.to_status}"


class Warranty(models.Model):
    """The warranty of one delivered order line: from delivery for the months it was sold
    with (the product's own plus any extended warranty bought), and its care reminder."""

    order_line = models.OneToOneField(OrderLine, on_delete=models.CASCADE, related_name="warranty")
    starts_on = models.DateField()
    ends_on = models.DateField()
    months = models.PositiveSmallIntegerField()
    # When the next care reminder is due (empty once none is left within the warranty),
    # and when the last one went out; each one sent is a ``CareReminder``.
    care_reminder_due_on = models.DateField(db_index=True, null=True, blank=True)
    care_reminder_sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("warranty")
        verbose_name_plural = _("warranties")

    def __str__(self) -> str:
        return f"{self.order_line_id} until {self.ends_on}"


class CareReminder(models.Model):
    """A care email sent for one warranty: half a year after delivery, then every year
    while the warranty lasts. One row per warranty and milestone: the unique constraint
    is the last word on "each sent once"."""

    warranty = models.ForeignKey(Warranty, on_delete=models.CASCADE, related_name="care_reminders")
    # Months after delivery it stands for: 6 (the half-year one), 12, 24, ...
    months = models.PositiveSmallIntegerField()
    due_on = models.DateField()
    # The language it was written in (the customer's, as they shopped).
    language = models.CharField(max_length=10, blank=True)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["warranty", "months"]
        verbose_name = _("care reminder")
        verbose_name_plural = _("care reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["warranty", "months"], name="one_care_reminder_per_milestone"
            )
        ]

    def __str__(self) -> str:
        return f"{self.warranty_id} at {self.months} months"
