"""The claim status machine, written once: a customer's report of a problem with an item
after delivery, its statuses, the moves between them, the codes of its timeline and the
sets of statuses the rest of the code asks about.

``orders.services.claims.claim_move`` is the only writer of ``Claim.status``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimStatus(models.TextChoices):
    # Filed by the customer; waiting for an operator to decide.
    OPEN = "open", _("Being reviewed")
    # An operator asked the customer for more information or photos.
    INFO_REQUESTED = "info_requested", _("More information needed")
    # Approved as a reprint: a new work order is being made.
    REPRINTING = "reprinting", _("Reprint approved")
    # Approved as a refund: the refund is owed and being sent to the payment provider.
    REFUND_PENDING = "refund_pending", _("Refund approved")
    # The refund was given back through the payment provider.
    REFUNDED = "refunded", _("Refunded")
    # Turned down, with a reason.
    REJECTED = "rejected", _("Declined")
    # The reprint was shipped to the customer.
    RESOLVED = "resolved", _("Reprint sent")


class ClaimReason(models.TextChoices):
    DAMAGED = "damaged", _("Arrived damaged")
    MISPRINT = "misprint", _("Misprint or print fault")
    WRONG_ITEM = "wrong_item", _("Wrong item")
    NOT_AS_CONFIGURED = "not_as_configured", _("Not as I configured it")
    LATE = "late", _("Arrived late")
    OTHER = "other", _("Something else")


_S = ClaimStatus
CLAIM_TRANSITIONS: dict[str, frozenset[str]] = {
    _S.OPEN: frozenset({_S.INFO_REQUESTED, _S.REPRINTING, _S.REFUND_PENDING, _S.REJECTED}),
    # The customer's answer opens the claim again; an operator may also decide at once.
    _S.INFO_REQUESTED: frozenset({_S.OPEN, _S.REPRINTING, _S.REFUND_PENDING, _S.REJECTED}),
    _S.REPRINTING: frozenset({_S.RESOLVED}),
    _S.REFUND_PENDING: frozenset({_S.REFUNDED}),
    _S.REFUNDED: frozenset(),
    _S.REJECTED: frozenset(),
    _S.RESOLVED: frozenset(),
}

# An operator may decide these (approve, refund, reject, ask for more).
DECIDABLE = frozenset({_S.OPEN, _S.INFO_REQUESTED})
# The customer may add words and photos to these.
ANSWERABLE = frozenset({_S.OPEN, _S.INFO_REQUESTED})
# Nothing more happens to these.
CLOSED = frozenset(s for s, moves in CLAIM_TRANSITIONS.items() if not moves)
# Claims that hold on to the pieces they name: a rejected claim frees them for another.
HOLDS_QUANTITY = frozenset(set(_S.values) - {_S.REJECTED})
# Reasons that say the plant made it wrong (they count against its quality score).
DEFECT_REASONS = frozenset(
    {
        ClaimReason.DAMAGED,
        ClaimReason.MISPRINT,
        ClaimReason.WRONG_ITEM,
        ClaimReason.NOT_AS_CONFIGURED,
    }
)


class ClaimEventCode(models.TextChoices):
    """What ``ClaimEvent.code`` says happened; a status change's code is its new status."""

    FILED = "filed", _("Problem reported")
    INFO_REQUESTED = "info_requested", _("We asked for more information")
    INFO_ADDED = "info_added", _("You added information")
    REPRINTING = "reprinting", _("Reprint approved")
    REFUND_PENDING = "refund_pending", _("Refund approved")
    REFUNDED = "refunded", _("Refunded")
    REJECTED = "rejected", _("Declined")
    RESOLVED = "resolved", _("Reprint sent")
    # The reprint's progress, as production reports it (no move until shipped).
    REPRINT_PROGRESS = "reprint_progress", _("Reprint progress")
    # The plant's evidence (operators only).
    PLANT_RESPONSE = "plant_response", _("Plant responded")


# Events the customer sees on the order page and in emails.
CUSTOMER_VISIBLE_EVENTS = frozenset(set(ClaimEventCode.values) - {ClaimEventCode.PLANT_RESPONSE})
