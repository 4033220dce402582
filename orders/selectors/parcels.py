"""Parcels as the shopper reads them: what is inside, how heavy, and where to follow it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from orders.language import in_reader_language
from orders.models import OrderLine, OrderShipment


@dataclass(frozen=True)
class ParcelItem:
    line_id: int | None
    # Its name and design are shown in the reader's language (None: a parcel recorded
    # before its contents named the line, in an order of several lines).
    line: OrderLine | None
    quantity: int | None


@dataclass(frozen=True)
class Parcel:
    id: int
    carrier: str
    tracking_number: str
    # The carrier's tracking page for this parcel; "" for a carrier without one.
    tracking_url: str
    origin_city: str
    # Each package in words ("0.3 kg · 30 × 20 × 10 cm").
    packages: list[str]
    items: list[ParcelItem]
    shipped_at: datetime
    delivered_at: datetime | None


def carrier_tracking_url(*, carrier: str, tracking_number: str) -> str:
    """The carrier's page for this tracking number (``C2M_CARRIER_TRACKING_URLS``), or ""."""
    templates = {k.casefold(): v for k, v in settings.C2M_CARRIER_TRACKING_URLS.items()}
    template = templates.get(carrier.strip().casefold())
    return template.format(number=quote(tracking_number, safe="")) if template else ""


def _number(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return f"{value:g}"


def package_words(package: Mapping[str, Any]) -> str:
    """A package as a plant reported it, in words: weight, size and piece count. Fields
    the shop does not know are left out rather than shown raw."""
    words = []
    weight = _number(package.get("weight_kg"))
    if weight is not None:
        words.append(_("%(weight)s kg") % {"weight": weight})
    size = [_number(package.get(f"{side}_cm")) for side in ("length", "width", "height")]
    if all(side is not None for side in size):
        words.append(_("%(size)s cm") % {"size": " × ".join(str(side) for side in size)})
    pieces = package.get("pieces", package.get("quantity"))
    if isinstance(pieces, int) and not isinstance(pieces, bool):
        words.append(ngettext("%(count)d piece", "%(count)d pieces", pieces) % {"count": pieces})
    return " · ".join(words)


def parcels_of(
    *,
    shipments: Iterable[OrderShipment],
    lines: Iterable[OrderLine],
    line_of_work_order: Mapping[str, int],
) -> list[Parcel]:
    """The order's parcels with what each holds. ``line_of_work_order`` names the line of
    each work order, for parcels recorded before their contents named it."""
    lines_by_id = {line.pk: line for line in lines}
    only_line = next(iter(lines_by_id)) if len(lines_by_id) == 1 else None
    parcels = []
    for shipment in shipments:
        contents = shipment.contents or [
            {"work_order": shipment.work_order_number, "line_id": None, "quantity": None}
        ]
        items = []
        for content in contents:
            line_id = (
                content.get("line_id")
                or line_of_work_order.get(content.get("work_order", ""))
                or only_line
            )
            line = lines_by_id.get(line_id) if line_id else None
            quantity = content.get("quantity") or (line.quantity if line else None)
            items.append(
                ParcelItem(
                    line_id=line_id,
                    line=line,
                    quantity=quantity,
                )
            )
        parcels.append(
            Parcel(
                id=shipment.pk,
                carrier=shipment.carrier,
                tracking_number=shipment.tracking_number,
                tracking_url=carrier_tracking_url(
                    carrier=shipment.carrier, tracking_number=shipment.tracking_number
                ),
                origin_city=in_reader_language(shipment.origin_city, shipment.origin_city_zh),
                packages=[
                    words
                    for package in shipment.packages or []
                    if isinstance(package, Mapping) and (words := package_words(package))
                ],
                items=items,
                shipped_at=shipment.shipped_at,
                delivered_at=shipment.delivered_at,
            )
        )
    return parcels
