"""The seam with production, in both directions: the one orders module production imports.

Production takes planning requests (order snapshots) from here, reads the artwork files a
snapshot names, and reports work-order progress back here; it never touches order models
itself. (The storefront's synchronous calls into production go the other way, through
``orders.ports``.)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any, TypedDict

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from c2m.db import lock_one
from c2m.errors import NotFound
from orders.models import (
    PROMISE_SETTLED,
    Artwork,
    Claim,
    ClaimEvent,
    ClaimEventCode,
    ClaimKind,
    ClaimPhoto,
    ClaimStatus,
    Order,
    OrderEvent,
    OrderEventCode,
    OrderShipment,
    OrderStatus,
    OutboxMessage,
)
from orders.models.claim_status import AWAITING_PLANT
from orders.models.order_status import (
    PROGRESS,
    WORK_CANCELLED,
    WORK_DELIVERED,
    WORK_IN_HAND,
    WORK_SENT,
)

# A plant's answer to a capacity booking, for the business (production reports it here).
from orders.services.booking_decisions import booking_decision_report as booking_decision_report
from orders.services.claim_photos import claim_photo_bytes
from orders.services.claims import claim_move
from orders.services.emails import order_email_queue
from orders.services.orders import order_transition
from orders.services.outbox import outbox_mark_processed, outbox_reopen
from orders.services.planning_snapshot import PlanningLine, planning_delivery, planning_line
from orders.services.warranties import warranties_register


class PlanningRequest(TypedDict):
    message_id: int
    order_id: int
    order_number: str
    promised_date: str
    # The shipping method sold and its transit as the promise counted it (empty when the
    # order was placed without a promise, e.g. imported).
    delivery: dict[str, Any]
    ship_to: dict[str, str]
    lines: list[PlanningLine]


def planning_requests_lock(*, message_ids: Sequence[int]) -> list[PlanningRequest]:
    """Lock the still-open planning messages among ``message_ids`` and return their orders.

    Must run inside the caller's transaction; a second planner of the same messages waits
    here, then finds them processed and gets nothing. Cancelled orders are skipped.
    """
    assert transaction.get_connection().in_atomic_block, "call inside a transaction"
    messages = list(
        OutboxMessage.objects.select_for_update()
        .filter(pk__in=sorted(set(message_ids)), topic="order.paid", processed_at__isnull=True)
        .order_by("pk")
    )
    by_order = {m.payload["order_id"]: m.pk for m in messages}
    orders = (
        Order.objects.filter(pk__in=by_order)
        .exclude(status=OrderStatus.CANCELLED)
        .prefetch_related("lines")
    )
    return [
        PlanningRequest(
            message_id=by_order[order.pk],
            order_id=order.pk,
            order_number=order.number,
            promised_date=order.promised_date.isoformat() if order.promised_date else "",
            delivery=planning_delivery(order),
            ship_to=order.ship_to,
            lines=[planning_line(line) for line in order.lines.all()],
        )
        for order in orders
    ]


def order_planning_done(*, message_ids: Sequence[int]) -> None:
    """Acknowledge planning messages, in the same transaction as the work orders."""
    outbox_mark_processed(message_ids=list(message_ids))


def order_planning_reopen(*, message_ids: Sequence[int]) -> int:
    """Open acknowledged planning messages again so they can be planned once more (a staff
    retry after a permanent failure was fixed). Returns how many were reopened."""
    return outbox_reopen(message_ids=list(message_ids))


def order_production_update(
    *,
    order_id: int,
    code: str,
    actor: str,
    work_order_number: str,
    work_order_statuses: Sequence[str],
    data: dict[str, Any] | None = None,
    shipment: dict[str, Any] | None = None,
    shipped_at: datetime | None = None,
    delivery: dict[str, Any] | None = None,
    line_id: int | None = None,
    quantity: int | None = None,
    work_order_status: str = "",
) -> None:
    """Record a production milestone on the order's timeline and derive its status.

    ``work_order_statuses`` are the statuses of all the order's work orders after the
    change: all delivered makes it delivered, all shipped (or delivered) shipped, some
    shipped partially shipped, any accepted or further in production. The order never
    moves backwards: work released back to the router (pending again) leaves an order in
    production in production, and a late or repeated report changes nothing.
    ``delivery`` (carrier, tracking number, ``delivered_at`` ISO time) marks one parcel
    delivered, once. ``line_id``, ``quantity`` and ``work_order_status`` say which order
    line the work order (or part of a split line) makes, how many, and where it stands
    now: the order page shows each item's progress from them.
    """
    data = {"work_order": work_order_number, **(data or {})}
    if line_id is not None:
        data |= {"line_id": line_id, "quantity": quantity, "work_order_status": work_order_status}
    OrderEvent.objects.create(
        order_id=order_id, kind=OrderEvent.Kind.PRODUCTION, code=code, actor=actor, data=data
    )
    if shipment:
        if shipped_at is None:
            raise ValueError("A shipment is reported with its shipped_at.")
        _parcel_record(
            order_id=order_id,
            shipment=shipment,
            shipped_at=shipped_at,
            content=ParcelContent(work_order=work_order_number, line_id=line_id, quantity=quantity),
        )
    if delivery:
        OrderShipment.objects.filter(
            order_id=order_id,
            carrier=delivery["carrier"],
            tracking_number=delivery["tracking_number"],
            delivered_at__isnull=True,
        ).update(delivered_at=datetime.fromisoformat(delivery["delivered_at"]))
    target = _derived_status([s for s in work_order_statuses if s != WORK_CANCELLED])
    current = Order.objects.only("status").get(pk=order_id).status
    if target and target != current and _is_forward(current, target):
        if target == OrderStatus.DELIVERED and current != OrderStatus.SHIPPED:
            # Delivered is reached from shipped only: pass through it.
            order_transition(order_id=order_id, to=OrderStatus.SHIPPED, actor=actor, data=data)
        order_transition(order_id=order_id, to=target, actor=actor, data=data)
        if target == OrderStatus.DELIVERED:
            warranties_register(order_id=order_id, delivered_on=_delivered_on(delivery))
            order_email_queue(order_id=order_id, kind="delivered")


def order_promise_report(
    *,
    order_id: int,
    broken: bool,
    revised_date: date | None,
    reason_code: str,
    work_order_number: str,
    actor: str,
) -> bool:
    """Production's word on whether the order's promised date still holds.

    ``broken``: no plant can make it now (``revised_date`` None) or the plan delivers it
    on ``revised_date``, after the promise. The first report of a break stamps the order,
    writes a timeline entry and emails the customer once; later reports of the same break
    only move the revised date. A report that the promise holds again closes the break
    (the next break is news again). Returns True when the customer is told now. Orders
    already cancelled, shipped or delivered are left alone.
    """
    with transaction.atomic():
        order = Order.objects.filter(pk=order_id).only("pk", "status", "promise_broken_at").first()
        if order is None or order.status in PROMISE_SETTLED:
            return False
        if not broken and order.promise_broken_at is None:
            return False
        order = lock_one(Order.objects, pk=order_id)
        data = {
            "work_order": work_order_number,
            "reason_code": reason_code,
            "promised_date": order.promised_date.isoformat() if order.promised_date else None,
            "revised_date": revised_date.isoformat() if revised_date else None,
        }
        if not broken:
            order.promise_broken_at, order.promise_revised_date = None, None
            order.promise_break_reason = ""
            code, tell = OrderEventCode.PROMISE_RESTORED, False
        elif order.promise_broken_at is None:
            order.promise_broken_at = timezone.now()
            order.promise_revised_date, order.promise_break_reason = revised_date, reason_code
            code, tell = OrderEventCode.PROMISE_BROKEN, True
        elif order.promise_revised_date != revised_date:
            order.promise_revised_date, order.promise_break_reason = revised_date, reason_code
            code, tell = OrderEventCode.PROMISE_REVISED, False
        else:
            return False
        order.save(
            update_fields=[
                "promise_broken_at",
                "promise_revised_date",
                "promise_break_reason",
                "updated_at",
            ]
        )
        OrderEvent.objects.create(
            order=order, kind=OrderEvent.Kind.PRODUCTION, code=code, actor=actor, data=data
        )
        if tell:
            order_email_queue(order_id=order.pk, kind="promise_broken")
    return tell


def _delivered_on(delivery: dict[str, Any] | None) -> date:
    """The local day the last parcel arrived (today when the report names no time)."""
    at = (delivery or {}).get("delivered_at")
    if not at:
        return timezone.localdate()
    moment = datetime.fromisoformat(at)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return timezone.localdate(moment)


def order_footprint_report(
    *, order_id: int, work_order_number: str, footprint: dict[str, Any] | None
) -> None:
    """Production's carbon footprint of one work order of the order (kg CO2e by part, as
    decimal strings), replacing what it said before; None removes it (cancelled work).
    Call inside the caller's transaction; the order row is locked for the update."""
    order = lock_one(Order.objects, pk=order_id)
    footprints = dict(order.footprint or {})
    if footprint is None:
        footprints.pop(work_order_number, None)
    else:
        footprints[work_order_number] = footprint
    if footprints != order.footprint:
        order.footprint = footprints
        order.save(update_fields=["footprint", "updated_at"])


class ParcelContent(TypedDict):
    """One work order (an order line, or a part of a split one) packed in a parcel."""

    work_order: str
    line_id: int | None
    quantity: int | None


def _parcel_record(
    *, order_id: int, shipment: dict[str, Any], shipped_at: datetime, content: ParcelContent
) -> None:
    # One row and one "on its way" email per parcel: the unique (order, carrier, tracking
    # number) makes a repeated report, or a second work order packed in the same parcel,
    # find the row and add itself to what the parcel holds. The email waits a while for
    # those (``parcels_announce``), so it names everything inside.
    parcel, created = OrderShipment.objects.get_or_create(
        order_id=order_id,
        carrier=shipment["carrier"],
        tracking_number=shipment["tracking_number"],
        defaults={
            "work_order_number": content["work_order"],
            "origin_city": shipment.get("origin_city", ""),
            "origin_city_zh": shipment.get("origin_city_zh", ""),
            "packages": shipment.get("packages", []),
            "contents": [content],
            "shipped_at": shipped_at,
            "announce_after": timezone.now()
            + timedelta(seconds=settings.C2M_PARCEL_EMAIL_DELAY_SECONDS),
        },
    )
    if created:
        return
    parcel = lock_one(OrderShipment.objects, pk=parcel.pk)
    if all(c["work_order"] != content["work_order"] for c in parcel.contents):
        parcel.contents = [*parcel.contents, content]
        parcel.save(update_fields=["contents"])


def _derived_status(statuses: list[str]) -> str | None:
    if statuses and all(s == WORK_DELIVERED for s in statuses):
        return OrderStatus.DELIVERED
    if statuses and all(s in WORK_SENT for s in statuses):
        return OrderStatus.SHIPPED
    if any(s in WORK_SENT for s in statuses):
        return OrderStatus.PARTIALLY_SHIPPED
    if any(s in WORK_IN_HAND for s in statuses):
        return OrderStatus.IN_PRODUCTION
    return None


def _is_forward(current: str, target: str) -> bool:
    return current in PROGRESS and PROGRESS.index(target) > PROGRESS.index(current)


def artwork_png_for_production(artwork_id: str, *, preview: bool = False) -> bytes:
    """The stored PNG of artwork ``artwork_id`` (public id) for print files
    (``preview``: its downscaled 1000 px source, enough for thumbnails).

    Production calls this for work orders whose configuration was checked for ownership
    when it was made. Raises ``NotFound`` when the artwork or its file is gone.
    """
    field = "preview_path" if preview else "path"
    path = Artwork.objects.filter(public_id=artwork_id).values_list(field, flat=True).first()
    if path is None:
        raise NotFound(f"Artwork {artwork_id} does not exist.", code="artwork_not_found")
    try:
        with default_storage.open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise NotFound(
            f"Artwork {artwork_id} has no stored file.", code="artwork_missing"
        ) from None


# --- Claims: production keeps its own record of them, fed by the outbox ----------------

CLAIM_TOPICS = ("claim.filed", "claim.decided")


class ClaimMessage(TypedDict):
    message_id: int
    topic: str
    # ``orders.services.claims.claim_facts``, and for ``claim.decided`` the decision,
    # ``plant_at_fault`` and, for a reprint, ``reprint`` (the line's planning snapshot
    # with the claimed quantity, ``ship_to`` and ``delivery``).
    payload: dict[str, Any]


def claim_messages_lock(*, message_ids: Sequence[int]) -> list[ClaimMessage]:
    """Lock the still-open claim messages among ``message_ids``, oldest first. Inside the
    consumer's transaction; acknowledge them with ``claim_messages_done`` in it."""
    assert transaction.get_connection().in_atomic_block, "call inside a transaction"
    messages = (
        OutboxMessage.objects.select_for_update()
        .filter(pk__in=sorted(set(message_ids)), topic__in=CLAIM_TOPICS, processed_at__isnull=True)
        .order_by("pk")
    )
    return [ClaimMessage(message_id=m.pk, topic=m.topic, payload=m.payload) for m in messages]


def claim_messages_done(*, message_ids: Sequence[int]) -> None:
    outbox_mark_processed(message_ids=list(message_ids))


def claim_reprint_report(
    *,
    claim_number: str,
    work_order_number: str,
    work_order_status: str,
    code: str,
    actor: str,
    data: dict[str, Any] | None = None,
) -> None:
    """A claim's reprint or service visit moved (planned, offered, accepted, started,
    shipped…): the claim's timeline shows it; shipped resolves the claim (a visit: done)
    and emails the customer once.
    Repeated or late reports change nothing backwards."""
    with transaction.atomic():
        claim = Claim.objects.filter(number=claim_number).first()
        if claim is None:
            raise NotFound(f"No claim {claim_number}.", code="claim_not_found")
        claim = lock_one(Claim.objects, pk=claim.pk)
        if claim.reprint_work_order and claim.reprint_status == work_order_status:
            return
        claim.reprint_work_order, claim.reprint_status = work_order_number, work_order_status
        claim.save(update_fields=["reprint_work_order", "reprint_status", "updated_at"])
        public = {
            k: v for k, v in (data or {}).items() if k in {"carrier", "tracking_number", "city"}
        }
        event_data = {"work_order": work_order_number, "step": code, **public}
        # A repair's service visit is done when the plant reports it shipped (handed back).
        service = claim.kind == ClaimKind.REPAIR
        waiting, done = (
            (ClaimStatus.SERVICE_SCHEDULED, ClaimStatus.SERVICED)
            if service
            else (ClaimStatus.REPRINTING, ClaimStatus.RESOLVED)
        )
        if code == "shipped" and claim.status == waiting:
            claim_move(claim=claim, to=done, actor=actor, data=event_data)
            order_email_queue(
                order_id=claim.order_id, kind="claim_update", extra={"claim_id": claim.pk}
            )
        else:
            progress = (
                ClaimEventCode.SERVICE_PROGRESS if service else ClaimEventCode.REPRINT_PROGRESS
            )
            ClaimEvent.objects.create(claim=claim, code=progress, actor=actor, data=event_data)


def claim_reprint_awaiting_plant(*, claim_number: str, actor: str) -> None:
    """A claim's reprint (or service visit) went on the operators' exception list: no
    plant but the one at fault can take it, or it could not be planned. The customer's
    timeline says it waits for a plant, once however often it is tried again, until a
    plant is offered it (``claim_reprint_report``). A claim no longer waiting on its
    reprint (shipped, or never approved as one) is left as it is."""
    with transaction.atomic():
        claim = Claim.objects.filter(number=claim_number).first()
        if claim is None:
            raise NotFound(f"No claim {claim_number}.", code="claim_not_found")
        claim = lock_one(Claim.objects, pk=claim.pk)
        service = claim.kind == ClaimKind.REPAIR
        waiting = ClaimStatus.SERVICE_SCHEDULED if service else ClaimStatus.REPRINTING
        if claim.status != waiting or claim.reprint_status == AWAITING_PLANT:
            return
        claim.reprint_status = AWAITING_PLANT
        claim.save(update_fields=["reprint_status", "updated_at"])
        ClaimEvent.objects.create(
            claim=claim,
            code=ClaimEventCode.SERVICE_PROGRESS if service else ClaimEventCode.REPRINT_PROGRESS,
            actor=actor,
            data={"work_order": claim.reprint_work_order, "step": AWAITING_PLANT},
        )


def claim_plant_response(*, claim_number: str, plant: str, message: str, actor: str) -> None:
    """The plant's evidence on a claim against its work, for the operators' triage."""
    claim = Claim.objects.filter(number=claim_number).first()
    if claim is None:
        raise NotFound(f"No claim {claim_number}.", code="claim_not_found")
    ClaimEvent.objects.create(
        claim=claim,
        code=ClaimEventCode.PLANT_RESPONSE,
        actor=actor,
        data={"plant": plant, "message": message},
    )


def claim_photo_for_production(*, claim_number: str, photo_id: str) -> bytes:
    """The stored (re-encoded) PNG of one photo of the claim. Raises ``NotFound``."""
    photo = ClaimPhoto.objects.filter(claim__number=claim_number, public_id=photo_id).first()
    if photo is None:
        raise NotFound("No such photo.", code="photo_not_found")
    try:
        return claim_photo_bytes(photo)
    except FileNotFoundError:
        raise NotFound("The photo has no stored file.", code="photo_missing") from None
