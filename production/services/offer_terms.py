"""What an offer promises the plant: its payout and how long it has to accept.

The payout is the router's own costing of the part it assigned (``routing.Assignment``):
production (operation minutes per work centre x the plant's minute rate + material units
x its material rates) plus shipping. The lateness penalty and quality bonus steer the
choice of plant but are not money paid, so they are left out.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from production.models import Factory
from routing import Assignment


def offer_payout(part: Assignment) -> Decimal:
    """The plant's payout for ``part``, in its payout currency, to the cent."""
    return part.production_cost + part.shipping_cost


def offer_terms(factory: Factory, part: Assignment) -> dict[str, Any]:
    """The work-order fields an offer of ``part`` to ``factory`` freezes."""
    return {
        "payout_amount": offer_payout(part),
        "payout_currency": factory.payout_currency,
        "offer_expires_at": timezone.now() + timedelta(hours=factory.offer_sla_hours),
    }
