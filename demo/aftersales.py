"""After-sales in the demo's history, made through the real services (never bulk rows):
a few returning customers buy engraved tumblers, some with paid services (gift wrapping,
design help: the catalog's ``service`` components), the plants make and deliver them,
and three of the customers report a problem that operators decide: a reprint at the
plant's fault, a refund, and a rejection. The dashboard's claim rate, service revenue and
repurchase figures then have something to show.

Idempotent: the customers' addresses mark what was made; a second run makes nothing.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from demo.history import history_seed
from orders.models import Order, OrderLine, OutboxMessage, Product
from orders.services.cart import cart_get_or_create, cart_line_add
from orders.services.checkout import checkout_place
from orders.services.claims import (
    claim_approve_reprint,
    claim_file,
    claim_refund,
    claim_reject,
)
from orders.services.configurations import configuration_create
from orders.services.payments.sandbox import APPROVE
from production.models import Factory, WorkOrder
from production.services.claims import claims_record
from production.services.delivery import shipment_delivered
from production.services.factory_actions import work_order_accept, work_order_report
from production.services.planning import orders_plan
from production.services.routing import work_orders_route

DOMAIN = "history.c2m.example"
SKU = "TUMBLER-ENGRAVED"
OPERATOR = "admin:demo-operator"
ADDRESS = {
    "name": "Chen Mei",
    "line1": "88 Century Avenue",
    "city": "Shanghai",
    "region": "Shanghai",
    "postal_code": "200120",
    "country": "CN",
}
# The bulk history's synthetic orders (demo.history): a few months of tees, many from
# returning customers and six in ten with a design fee, for the dashboard's time series.
HISTORY_SEED = 21
HISTORY_ORDERS = 900
HISTORY_DAYS = 120


@dataclass(frozen=True)
class Purchase:
    customer: str
    language: str
    finish: str
    services: tuple[str, ...]
    quantity: int
    # The problem reported afterwards, and how operators decide it.
    claim: str = ""


PURCHASES = (
    Purchase("mei.chen", "zh-hans", "matte_black", ("gift_wrap",), 2, claim="reprint"),
    Purchase("tom.baker", "en", "brushed", ("design_help",), 1),
    Purchase("mei.chen", "zh-hans", "powder_white", (), 1),
    Purchase("ana.silva", "en", "mirror", ("gift_wrap", "design_help"), 3, claim="refund"),
    Purchase("tom.baker", "en", "matte_black", ("gift_wrap",), 2, claim="reject"),
    Purchase("ana.silva", "en", "brushed", (), 1),
)
CLAIMS = {
    "reprint": ("misprint", 1, "The engraving is cut off at the last letter."),
    "refund": ("damaged", 1, "One tumbler arrived with a dent in the lid."),
    "reject": ("not_as_configured", 1, "I expected the engraving on the other side."),
}


def demo_history_seed() -> dict[str, int]:
    """Seed the synthetic history (``demo.history``) and the after-sales orders, each
    once. Returns what was made now: ``history_orders``, ``orders`` and ``claims``."""
    made = {"history_orders": 0, "orders": 0, "claims": 0}
    if not Order.objects.filter(number__startswith=f"H{HISTORY_SEED}-").exists():
        printers = list(Factory.objects.filter(capabilities__code="dtg_print").order_by("code"))
        printers = printers or list(Factory.objects.order_by("code")[:3])
        if printers:
            history_seed(
                factories=printers, orders=HISTORY_ORDERS, days=HISTORY_DAYS, seed=HISTORY_SEED
            )
            made["history_orders"] = HISTORY_ORDERS
    if Order.objects.filter(email__endswith=f"@{DOMAIN}").exists():
        return made
    product = Product.objects.get(sku=SKU)
    for n, purchase in enumerate(PURCHASES):
        order = _buy(product, purchase, n)
        _make_and_deliver(order)
        made["orders"] += 1
        if purchase.claim:
            _claim(order, purchase.claim, n)
            made["claims"] += 1
    # Production hears of the claims (filed, decided) as its consumer would.
    claims_record(
        message_ids=list(
            OutboxMessage.objects.filter(
                topic__startswith="claim.", processed_at__isnull=True
            ).values_list("pk", flat=True)
        )
    )
    return made


def _buy(product: Product, purchase: Purchase, n: int) -> Order:
    cart = cart_get_or_create(token=None, customer_id=None)
    options = {"finish": purchase.finish, "services": list(purchase.services)}
    configuration, quantity = configuration_create(
        product=product, raw={"quantity": purchase.quantity, "options": options}
    )
    cart_line_add(cart=cart, configuration=configuration, quantity=quantity)
    return checkout_place(
        cart_id=cart.pk,
        idempotency_key=f"demo-history-{n}",
        email=f"{purchase.customer}@{DOMAIN}",
        address=ADDRESS,
        shipping_method="standard",
        payment_provider="test",
        payment_data={"card_number": APPROVE},
        actor="demo",
        language=purchase.language,
    )


def _make_and_deliver(order: Order) -> None:
    """Plan, route, make, check, ship and deliver, as the plants report it."""
    message = OutboxMessage.objects.get(topic="order.paid", payload__order_id=order.pk)
    orders_plan(message_ids=[message.pk])
    ids = list(WorkOrder.objects.filter(order_id=order.pk).values_list("pk", flat=True))
    work_orders_route(work_order_ids=ids)
    for work_order in WorkOrder.objects.filter(order_id=order.pk).select_related("factory"):
        plant = work_order.factory
        if plant is None:
            continue  # no plant could take it now: it stays on the exception list
        actor, tracking = f"factory:{plant.code}", f"SF{order.pk:05d}{work_order.part:02d}"
        work_order_accept(factory=plant, work_order_id=work_order.pk, actor=actor)
        steps: list[tuple[str, dict[str, str]]] = [
            ("started", {}),
            ("qc_passed", {}),
            ("shipped", {"carrier": "SF Express", "tracking_number": tracking}),
        ]
        for event, data in steps:
            work_order_report(
                factory=plant, work_order_id=work_order.pk, actor=actor, event=event, data=data
            )
        shipment_delivered(work_order_id=work_order.pk, tracking_number=tracking, actor="carrier")


def _claim(order: Order, decision: str, n: int) -> None:
    reason, quantity, description = CLAIMS[decision]
    line = OrderLine.objects.filter(order=order).order_by("line_no").first()
    assert line is not None
    claim = claim_file(
        order_id=order.pk,
        line_id=line.pk,
        reason=reason,
        quantity=quantity,
        description=description,
        photos=[sample_claim_photo(n, 0), sample_claim_photo(n, 1)],
        actor=f"customer:{order.email}",
    )
    if decision == "reprint":
        claim_approve_reprint(
            claim_id=claim.pk,
            plant_at_fault=True,
            actor=OPERATOR,
            message="We are sorry: a new one is being engraved at another workshop.",
        )
    elif decision == "refund":
        claim_refund(
            claim_id=claim.pk,
            amount=str(line.unit_price),
            plant_at_fault=True,
            actor=OPERATOR,
            message="Refunded for the dented tumbler.",
        )
    else:
        claim_reject(
            claim_id=claim.pk,
            reason="The engraving is where the design you approved placed it.",
            actor=OPERATOR,
        )


def sample_claim_photo(n: int, view: int) -> SimpleUploadedFile:
    """A stand-in for the customer's phone photo: a tumbler on a table, with the flaw."""
    hue = (40 + 50 * n + 25 * view) % 256
    image = Image.new("RGB", (800, 600), (200, 190 - view * 20, 170))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 420, 800, 600), fill=(120, 90, 60))  # the table
    draw.rounded_rectangle((300, 110, 500, 470), radius=30, fill=(hue, 70, 90))
    draw.ellipse((300, 90, 500, 140), fill=(90, 90, 100))  # the lid
    draw.line((360, 250 + view * 40, 450, 300 + view * 40), fill=(250, 240, 80), width=9)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return SimpleUploadedFile(f"claim-{n}-{view}.jpg", out.getvalue(), "image/jpeg")
