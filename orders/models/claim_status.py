"""The claim status machine, written once: a customer's report of a problem with an item
after delivery, a repair or maintenance visit asked for under warranty, or a return; its
statuses, the moves each kind of claim allows, the codes of its timeline and the sets of
statuses the rest of the code asks about.

``orders.services.claims.claim_move`` is the only writer of ``Claim.status``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ClaimKind(models.TextChoices):
    # Something is wrong with delivered pieces: reprint, refund or decline.
    PROBLEM = "problem", _("Problem report")
    # A repair or maintenance visit under warranty: a plant's service work order.
    REPAIR = "repair", _("Repair or maintenance")
    # The customer sends the pieces back; the refund follows their arrival.
    RETURN = "return", _("Return")


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
    # A repair or maintenance visit approved: a plant's service work order is under way.
    SERVICE_SCHEDULED = "service_scheduled", _("Visit approved")
    # The plant reported the visit done.
    SERVICED = "serviced", _("Visit done")
    # A return approved: the customer sends the pieces back with the return label.
    RETURN_APPROVED = "return_approved", _("Return approved")


class ClaimReason(models.TextChoices):
    DAMAGED = "damaged", _("Arrived damaged")
    MISPRINT = "misprint", _("Misprint or print fault")
    WRONG_ITEM = "wrong_item", _("Wrong item")
    NOT_AS_CONFIGURED = "not_as_configured", _("Not as I configured it")
    LATE = "late", _("Arrived late")
    OTHER = "other", _("Something else")
    # A repair or maintenance visit's reasons.
    NEEDS_REPAIR = "needs_repair", _("Needs a repair")
    MAINTENANCE = "maintenance", _("Maintenance visit")
    # A return's reasons.
    CHANGED_MIND = "changed_mind", _("No longer wanted")
    DOES_NOT_FIT = "does_not_fit", _("Does not fit my space")


_S = ClaimStatus
_K = ClaimKind
# The moves of each kind of claim. A problem is reprinted, refunded or declined; a repair
# becomes a plant's visit; a return is approved (label), received, then refunded.
CLAIM_MOVES: dict[str, dict[str, frozenset[str]]] = {
    _K.PROBLEM: {
        _S.OPEN: frozenset({_S.INFO_REQUESTED, _S.REPRINTING, _S.REFUND_PENDING, _S.REJECTED}),
        # The customer's answer opens the claim again; an operator may also decide at once.
        _S.INFO_REQUESTED: frozenset({_S.OPEN, _S.REPRINTING, _S.REFUND_PENDING, _S.REJECTED}),
        _S.REPRINTING: frozenset({_S.RESOLVED}),
        _S.REFUND_PENDING: frozenset({_S.REFUNDED}),
        _S.REFUNDED: frozenset(),
        _S.REJECTED: frozenset(),
        _S.RESOLVED: frozenset(),
    },
    _K.REPAIR: {
        _S.OPEN: frozenset({_S.INFO_REQUESTED, _S.SERVICE_SCHEDULED, _S.REJECTED}),
        _S.INFO_REQUESTED: frozenset({_S.OPEN, _S.SERVICE_SCHEDULED, _S.REJECTED}),
        # Closed when the plant reports the visit done.
        _S.SERVICE_SCHEDULED: frozenset({_S.SERVICED}),
        _S.SERVICED: frozenset(),
        _S.REJECTED: frozenset(),
    },
    _K.RETURN: {
        _S.OPEN: frozenset({_S.INFO_REQUESTED, _S.RETURN_APPROVED, _S.REJECTED}),
        _S.INFO_REQUESTED: frozenset({_S.OPEN, _S.RETURN_APPROVED, _S.REJECTED}),
        # Received at the returns centre: the refund is owed, then sent once.
        _S.RETURN_APPROVED: frozenset({_S.REFUND_PENDING}),
        _S.REFUND_PENDING: frozenset({_S.REFUNDED}),
        _S.REFUNDED: frozenset(),
        _S.REJECTED: frozenset(),
    },
}
# The problem report's moves (the first kind of claim; kept for its readers).
CLAIM_TRANSITIONS: dict[str, frozenset[str]] = CLAIM_MOVES[_K.PROBLEM]
# The reasons each kind of claim may give.
KIND_REASONS: dict[str, tuple[str, ...]] = {
    _K.PROBLEM: (
        ClaimReason.DAMAGED,
        ClaimReason.MISPRINT,
        ClaimReason.WRONG_ITEM,
        ClaimReason.NOT_AS_CONFIGURED,
        ClaimReason.LATE,
        ClaimReason.OTHER,
    ),
    _K.REPAIR: (ClaimReason.NEEDS_REPAIR, ClaimReason.MAINTENANCE),
    _K.RETURN: (ClaimReason.CHANGED_MIND, ClaimReason.DOES_NOT_FIT, ClaimReason.OTHER),
}

# An operator may decide these (approve, refund, reject, ask for more).
DECIDABLE = frozenset({_S.OPEN, _S.INFO_REQUESTED})
# The customer may add words and photos to these.
ANSWERABLE = frozenset({_S.OPEN, _S.INFO_REQUESTED})
# Nothing more happens to these.
CLOSED = frozenset(s for table in CLAIM_MOVES.values() for s, moves in table.items() if not moves)
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
    SERVICE_SCHEDULED = "service_scheduled", _("Repair visit approved")
    SERVICED = "serviced", _("Visit done")
    RETURN_APPROVED = "return_approved", _("Return approved: label ready")
    # The returned pieces arrived (the move to refund_pending of a return).
    RETURN_RECEIVED = "return_received", _("Return received")
    # The reprint's progress, as production reports it (no move until shipped).
    REPRINT_PROGRESS = "reprint_progress", _("Reprint progress")
    # The service visit's progress, as production reports it (no move until done).
    SERVICE_PROGRESS = "service_progress", _("Visit progress")
    # The plant's evidence (operators only).
    PLANT_RESPONSE = "plant_response", _("Plant responded")


# The reprint's (or visit's) step while it waits on the operators' exception list: no plant
# can take it yet (or it could not be planned). Its claim keeps its status; the customer is
# shown that it waits (``Claim.status_display``) until a plant is offered it.
AWAITING_PLANT = "awaiting_plant"

# Events the customer sees on the order page and in emails.
CUSTOMER_VISIBLE_EVENTS = frozenset(set(ClaimEventCode.values) - {ClaimEventCode.PLANT_RESPONSE})
