"""The plant application status machine: a plant asks to join, operators decide once.

``production.services.plant_applications`` is the only writer of ``PlantApplication.status``.
An application is never a ``Factory``: until it is approved no plant exists that the
router could consider.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlantApplicationStatus(models.TextChoices):
    # Sent from the public page; no factory exists for it.
    PENDING = "pending", _("Pending")
    # Approved: the factory (active, with its work centres, capabilities and rates),
    # its staff user and its API key exist.
    APPROVED = "approved", _("Approved")
    # Turned down with a reason, which the contact was sent.
    REJECTED = "rejected", _("Rejected")


_S = PlantApplicationStatus
PLANT_APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.APPROVED, _S.REJECTED}),
    _S.APPROVED: frozenset(),
    _S.REJECTED: frozenset(),
}
