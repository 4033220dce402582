"""Template tag `artwork_upload`: the artwork upload control of a product page."""

from __future__ import annotations

from typing import Any

from django import template

from orders.models import Product
from orders.pages.artwork import artwork_upload_context
from orders.pages.design_links import design_shared_artworks
from orders.selectors.artwork import artwork_owner_of, artworks_readable

register = template.Library()


@register.inclusion_tag("orders/partials/artwork_upload.html", takes_context=True)
def artwork_upload(
    context: dict[str, Any],
    product: Product,
    option_code: str,
    option_label: str = "",
    form_id: str = "configurator",
    chosen: str = "",
    shared_token: str = "",
) -> dict[str, Any]:
    """The upload control for artwork option ``option_code`` of ``product``.

    Shows the artwork already chosen (``chosen``, the design's value) when this visitor
    may see it: their own, or one of the share link ``shared_token`` they opened (shown
    read-only), with its preflight per print area.
    """
    request = context["request"]
    shared = design_shared_artworks(product.sku, shared_token)
    found = artworks_readable(public_ids=[chosen], owner=artwork_owner_of(request), shared=shared)
    data = artwork_upload_context(
        request,
        sku=product.sku,
        option_code=option_code,
        option_label=str(option_label or ""),
        form_id=form_id,
        artwork=found.get(chosen),
        shared_token=shared_token if chosen in shared else "",
    )
    data["csrf_token"] = context.get("csrf_token")
    return data
