"""Template tags showing a design: its picture and its choices in the shopper's words."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.templatetags.static import static
from django.utils.translation import gettext as _

from orders.models import CartLine, Configuration, OrderLine
from orders.pages.configurator import has_live_preview
from orders.pages.design_words import design_words
from orders.selectors.catalog import line_product
from orders.selectors.line_thumbnails import order_line_thumbnail_url

register = template.Library()
CART_THUMBNAIL_PIXELS = 240


@register.inclusion_tag("orders/partials/design.html")
def design_of(item: CartLine | Configuration | OrderLine, absolute: bool = False) -> dict[str, Any]:
    """A cart line's, configuration's or order line's design: picture and words.

    The cart's picture is the shopper's live preview (their own artwork); an order line's is
    its signed thumbnail link (``absolute`` for emails).
    """
    if isinstance(item, OrderLine):
        words = design_words(
            product=line_product(item),
            values=item.configuration,
            fallback=item.configuration_summary,
        )
        thumbnail = (
            order_line_thumbnail_url(item, absolute=absolute)
            if has_live_preview(item.product_sku)
            else ""
        )
        return {"words": words, "thumbnail_url": thumbnail, "name": item.product_name}
    configuration = item.configuration if isinstance(item, CartLine) else item
    product = configuration.product
    words = design_words(
        product=product, values=configuration.values, fallback=configuration.summary
    )
    if has_live_preview(product.sku):
        query = urlencode({"hash": configuration.content_hash, "px": CART_THUMBNAIL_PIXELS})
        thumbnail = f"{product.get_absolute_url()}preview/?{query}"
    else:
        thumbnail = static(product.image) if product.image else ""
    return {"words": words, "thumbnail_url": thumbnail, "name": product.name}


@register.filter
def design_text(item: OrderLine) -> str:
    """An order line's design in words on one line, for plain-text emails."""
    words = design_words(
        product=line_product(item),
        values=item.configuration,
        fallback=item.configuration_summary,
    )
    parts = (_("%(label)s: %(value)s") % {"label": label, "value": value} for label, value in words)
    return _(", ").join(parts)
