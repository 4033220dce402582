"""The work-order status machine, written once: its statuses, the events that move it, the
moves each status allows, and the sets of statuses the rest of the code asks about.

``production.services.work_orders.work_order_transition`` is the only writer of
``WorkOrder.status`` and refuses anything ``WORK_ORDER_MOVES`` does not list.
"""

from typing import NamedTuple

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkOrderStatus(models.TextChoices):
    # Planned from an order line; waiting for the router.
    PENDING = "pending", _("Pending routing")
    # No factory can take it now; the reason is in the last routing event.
    UNROUTABLE = "unroutable", _("Unroutable")
    # Offered to one factory, capacity reserved, waiting for accept or decline.
    OFFERED = "offered", _("Offered")
    # The factory committed to make it (and now sees the shipping address).
    ACCEPTED = "accepted", _("Accepted")
    # Work has started on the shop floor.
    IN_PRODUCTION = "in_production", _("In production")
    # Quality control found a fault: rework or reprint it, then check it again.
    QC_FAILED = "qc_failed", _("QC failed")
    # Quality control passed; ready to ship.
    QC_PASSED = "qc_passed", _("QC passed")
    # Handed to a carrier (more parcels may follow).
    SHIPPED = "shipped", _("Shipped")
    # Every parcel reached the customer (reported by the plant or the carrier's tracking).
    DELIVERED = "delivered", _("Delivered")
    # Stopped; reserved capacity released.
    CANCELLED = "cancelled", _("Cancelled")


class WorkOrderEventType(models.TextChoices):
    """What ``WorkOrderEvent.type`` says happened (and the factory feed's ``event``)."""

    # Written by the planner with the work order (no move: it starts pending).
    PLANNED = "planned", _("Planned")
    # Routing cut the work order's quantity into parts for several plants (no move).
    SPLIT = "split", _("Split")
    # The router offered it to a plant.
    OFFERED = "offered", _("Offered")
    # No plant can make it now.
    UNROUTABLE = "unroutable", _("Unroutable")
    # An operator or the router sent it back to routing.
    REROUTED = "rerouted", _("Re-routed")
    # The plant took the offer.
    ACCEPTED = "accepted", _("Accepted")
    # The plant turned the offer down.
    DECLINED = "declined", _("Declined")
    # Nobody answered the offer in time.
    OFFER_EXPIRED = "offer_expired", _("Offer expired")
    # The plant answered the offer with other terms (``CounterOffer``): routed again, with
    # the plant a candidate at its terms.
    COUNTERED = "countered", _("Counter-offered")
    # The offer was taken back before it was answered.
    OFFER_WITHDRAWN = "offer_withdrawn", _("Offer withdrawn")
    # The plant was paused or offboarded before it started the work.
    FACTORY_UNAVAILABLE = "factory_unavailable", _("Factory unavailable")
    # The plant gave back accepted work (audited, charged to its score).
    RELEASED = "released", _("Released")
    # Accepted work at risk of missing its date (no move; written once).
    LATE_RISK = "late_risk", _("Late risk")
    # The plant reported the energy it measured for the work (no move; replaces the
    # estimate in the work order's carbon footprint).
    ENERGY_REPORTED = "energy_reported", _("Energy reported")
    # Generating one of its production files failed (no move; once per file).
    FILES_FAILED = "files_failed", _("Files failed")
    # The plant's own reports (``FACTORY_EVENTS``).
    STARTED = "started", _("Started")
    PROGRESS = "progress", _("Progress")
    QC_PASSED = "qc_passed", _("QC passed")
    QC_FAILED = "qc_failed", _("QC failed")
    REWORK = "rework", _("Rework")
    REPRINT = "reprint", _("Reprint")
    SHIPPED = "shipped", _("Shipped")
    # One parcel delivered while others are still on their way.
    PARCEL_DELIVERED = "parcel_delivered", _("Parcel delivered")
    # The last parcel delivered.
    DELIVERED = "delivered", _("Delivered")
    # Stopped with its order.
    CANCELLED = "cancelled", _("Cancelled")
    # A customer's claim found this plant at fault: the reprint is never offered to it
    # (no move; written with the reprint).
    PLANT_EXCLUDED = "plant_excluded", _("Plant excluded")


class Move(NamedTuple):
    """Where an event leads a work order."""

    to: str
    # Only for work orders whose recipe has no QC step (``WorkOrder.qc_required`` false).
    without_qc_only: bool = False


_S = WorkOrderStatus
_E = WorkOrderEventType
# The work-order status machine, written once: from each status, the events allowed and the
# status each leads to. Factory events (the API's accept, decline, release and events
# actions), the router's and the operators' moves alike; ``work_order_transition`` is the
# only writer of ``WorkOrder.status`` and refuses anything not listed here.
WORK_ORDER_MOVES: dict[str, dict[str, Move]] = {
    _S.PENDING: {
        _E.OFFERED: Move(_S.OFFERED),
        _E.UNROUTABLE: Move(_S.UNROUTABLE),
        _E.CANCELLED: Move(_S.CANCELLED),
    },
    _S.UNROUTABLE: {
        _E.REROUTED: Move(_S.PENDING),
        _E.OFFERED: Move(_S.OFFERED),
        _E.CANCELLED: Move(_S.CANCELLED),
    },
    # Back to pending on decline, counter-offer, timeout, withdrawal or a paused factory:
    # routed again.
    _S.OFFERED: {
        _E.ACCEPTED: Move(_S.ACCEPTED),
        _E.DECLINED: Move(_S.PENDING),
        _E.COUNTERED: Move(_S.PENDING),
        _E.OFFER_EXPIRED: Move(_S.PENDING),
        _E.OFFER_WITHDRAWN: Move(_S.PENDING),
        _E.REROUTED: Move(_S.PENDING),
        _E.FACTORY_UNAVAILABLE: Move(_S.PENDING),
        _E.CANCELLED: Move(_S.CANCELLED),
    },
    # Accepted work cannot be declined: the factory saw the address. It may only release it
    # (audited, charged to its score) or lose it when it is paused before starting.
    _S.ACCEPTED: {
        _E.STARTED: Move(_S.IN_PRODUCTION),
        _E.RELEASED: Move(_S.PENDING),
        _E.FACTORY_UNAVAILABLE: Move(_S.PENDING),
    },
    _S.IN_PRODUCTION: {
        _E.PROGRESS: Move(_S.IN_PRODUCTION),
        _E.QC_PASSED: Move(_S.QC_PASSED),
        _E.QC_FAILED: Move(_S.QC_FAILED),
        _E.SHIPPED: Move(_S.SHIPPED, without_qc_only=True),
        _E.RELEASED: Move(_S.PENDING),
    },
    # Never shipped from here: back to production to repair it, or to make it again.
    _S.QC_FAILED: {
        _E.REWORK: Move(_S.IN_PRODUCTION),
        _E.REPRINT: Move(_S.IN_PRODUCTION),
        _E.RELEASED: Move(_S.PENDING),
    },
    # A last check before packing may still fail it.
    _S.QC_PASSED: {
        _E.SHIPPED: Move(_S.SHIPPED),
        _E.QC_FAILED: Move(_S.QC_FAILED),
    },
    # Further parcels of the same work order; a parcel delivered while others are still on
    # their way; the last parcel delivered (``shipment_delivered`` picks which).
    _S.SHIPPED: {
        _E.SHIPPED: Move(_S.SHIPPED),
        _E.PARCEL_DELIVERED: Move(_S.SHIPPED),
        _E.DELIVERED: Move(_S.DELIVERED),
    },
    # Final: a repeated delivery report is answered without a move.
    _S.DELIVERED: {},
    _S.CANCELLED: {},
}

# What a factory reports through the API's events action (the other moves have their own
# action, or belong to the router and the operators).
FACTORY_EVENTS = (
    _E.STARTED,
    _E.PROGRESS,
    _E.QC_PASSED,
    _E.QC_FAILED,
    _E.REWORK,
    _E.REPRINT,
    _E.SHIPPED,
    _E.DELIVERED,
)

# Events the customer sees on the order timeline (internal routing churn is not shown).
CUSTOMER_VISIBLE = frozenset(
    {
        _E.OFFERED,
        _E.ACCEPTED,
        _E.STARTED,
        _E.QC_PASSED,
        _E.SHIPPED,
        _E.PARCEL_DELIVERED,
        _E.DELIVERED,
        _E.CANCELLED,
    }
)

# Events factory staff see on the admin timeline (routing churn and other plants are not theirs).
FACTORY_STAFF_VISIBLE = frozenset(
    {
        _E.OFFERED,
        _E.COUNTERED,
        _E.ACCEPTED,
        _E.STARTED,
        _E.PROGRESS,
        _E.QC_PASSED,
        _E.QC_FAILED,
        _E.REWORK,
        _E.REPRINT,
        _E.RELEASED,
        _E.SHIPPED,
        _E.CANCELLED,
    }
)


def work_order_moves(status: str, *, qc_required: bool = True) -> dict[str, str]:
    """The events allowed from ``status`` and the status each leads to."""
    return {
        event: move.to
        for event, move in WORK_ORDER_MOVES.get(status, {}).items()
        if not (move.without_qc_only and qc_required)
    }


# Status to the statuses it may become (for QC-checked work orders), derived from the moves.
WORK_ORDER_TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(move.to for move in moves.values())
    for status, moves in WORK_ORDER_MOVES.items()
}

# Waiting for the router.
ROUTABLE = (_S.PENDING, _S.UNROUTABLE)
# Not yet offered anywhere: the router may still cut it into parts.
SPLITTABLE = frozenset(ROUTABLE)
# Work that holds a queue slot at its factory (max_open_work_orders).
OPEN = (_S.OFFERED, _S.ACCEPTED, _S.IN_PRODUCTION, _S.QC_FAILED, _S.QC_PASSED)
# Work a paused factory gives back: offered, or accepted but not started.
GIVEN_BACK = (_S.OFFERED, _S.ACCEPTED)
# A plant has committed to it and not yet delivered it: its order can no longer be cancelled.
COMMITTED = frozenset({_S.ACCEPTED, _S.IN_PRODUCTION, _S.QC_FAILED, _S.QC_PASSED, _S.SHIPPED})
# Statuses in which the assigned factory is shown the shipping address.
ADDRESS_VISIBLE = frozenset(
    {_S.ACCEPTED, _S.IN_PRODUCTION, _S.QC_FAILED, _S.QC_PASSED, _S.SHIPPED, _S.DELIVERED}
)
# Out of the plant's hands: shipped or cancelled (what operators no longer chase).
FINISHED = frozenset({_S.SHIPPED, _S.CANCELLED})
# No move leads out of these.
TERMINAL = frozenset(status for status, moves in WORK_ORDER_MOVES.items() if not moves)
