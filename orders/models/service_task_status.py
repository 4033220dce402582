"""The status machine of an operator's service task (a paid service the platform performs:
design help, a care plan, an extended warranty), written once.

``orders.services.service_tasks.service_task_transition`` is the only writer of
``ServiceTask.status``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceTaskStatus(models.TextChoices):
    # Paid for; no operator has picked it up yet.
    OPEN = "open", _("To do")
    # An operator is on it (talking to the customer, registering the plan).
    IN_PROGRESS = "in_progress", _("In progress")
    # Performed as sold.
    DONE = "done", _("Done")
    # Will not be performed (the order was cancelled, the customer withdrew).
    CANCELLED = "cancelled", _("Cancelled")


_S = ServiceTaskStatus
# A task is done only after someone worked on it; done and cancelled are final.
SERVICE_TASK_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.OPEN: frozenset({_S.IN_PROGRESS, _S.CANCELLED}),
    _S.IN_PROGRESS: frozenset({_S.DONE, _S.OPEN, _S.CANCELLED}),
    _S.DONE: frozenset(),
    _S.CANCELLED: frozenset(),
}

# Still waiting on an operator: what the admin lists first.
SERVICE_TASK_OPEN = frozenset({_S.OPEN, _S.IN_PROGRESS})
