"""Signed links to the picture of an ordered design: the order page, its emails and the
admin show it to whoever they let see the order, without a session and without an id
anyone could change into another order's."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

from c2m.errors import NotFound
from orders.models import OrderLine

THUMBNAIL_SALT = "orders.line-thumbnail"
THUMBNAIL_PIXELS = 240


def order_line_thumbnail_url(line: OrderLine, *, absolute: bool = False) -> str:
    """The signed URL of ``line``'s design picture (``absolute`` for emails: on SITE_URL)."""
    token = signing.dumps([line.order_id, line.line_no], salt=THUMBNAIL_SALT, compress=True)
    path = reverse("orders:order_line_thumbnail", args=[token])
    return f"{settings.SITE_URL.rstrip('/')}{path}" if absolute else path


def order_line_by_thumbnail_token(token: str) -> OrderLine:
    """The order line a thumbnail token was signed for; ``NotFound`` for any other token."""
    try:
        order_id, line_no = signing.loads(str(token)[:200], salt=THUMBNAIL_SALT)
        line = OrderLine.objects.filter(order_id=int(order_id), line_no=int(line_no)).first()
    except (signing.BadSignature, ValueError, TypeError, OverflowError):
        line = None
    if line is None:
        raise NotFound("No such picture.", code="not_found")
    return line
