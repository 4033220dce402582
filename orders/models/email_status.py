"""The status machine of an email to a customer, written once.

``orders.services.emails`` is the only writer of ``OrderEmail.status``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrderEmailStatus(models.TextChoices):
    # Written with the change it tells of; a worker sends it (again after a failure).
    PENDING = "pending", _("To send")
    # The mail server took it.
    SENT = "sent", _("Sent")
    # Refused for good (the server refused the address) or still failing after every try.
    FAILED = "failed", _("Failed")


_S = OrderEmailStatus
# Sent is final: an email is sent once. An operator may send a failed one again.
ORDER_EMAIL_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.PENDING: frozenset({_S.SENT, _S.FAILED}),
    _S.SENT: frozenset(),
    _S.FAILED: frozenset({_S.PENDING}),
}
