"""The business application status machine: a company asks, operators decide once.

``merchants.services.applications`` is the only writer of ``BusinessApplication.status``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationStatus(models.TextChoices):
    # Sent from the public page; nothing exists for the company yet.
    PENDING = "pending", _("Pending")
    # An operator approved it: the account, its first user and its keys exist.
    APPROVED = "approved", _("Approved")
    # An operator turned it down with a reason, which the contact was sent.
    REJECTED = "rejected", _("Rejected")


_S = ApplicationStatus
APPLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.APPROVED, _S.REJECTED}),
    _S.APPROVED: frozenset(),
    _S.REJECTED: frozenset(),
}
