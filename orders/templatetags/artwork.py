"""Template tag `artwork_upload`: the artwork upload control of a product page."""

from __future__ import annotations

from typing import Any

from django import template

from c2m.errors import NotFound
from orders.models import Product
from orders.pages.artwork import artwork_upload_context
from orders.selectors.artwork import artwork_get_owned, artwork_owner_of

register = template.Library()


@register.inclusion_tag("orders/partials/artwork_upload.html", takes_context=True)
def artwork_upload(
    context: dict[str, Any],
    product: Product,
    option_code: str,
    option_label: str = "",
    form_id: str = "configurator",
) -> dict[str, Any]:
    """The upload control for artwork option ``option_code`` of ``product``.

    Shows the artwork already chosen (``?<option_code>=<artwork id>`` or the posted form
    value) when it belongs to this visitor, with its preflight per print area.
    """
    request = context["request"]
    chosen = request.POST.get(option_code) or request.GET.get(option_code)
    artwork = None
    if chosen:
        try:
            artwork = artwork_get_owned(public_id=chosen, owner=artwork_owner_of(request))
        except NotFound:
            artwork = None
    data = artwork_upload_context(
        request,
        sku=product.sku,
        option_code=option_code,
        option_label=str(option_label or ""),
        form_id=form_id,
        artwork=artwork,
    )
    data["csrf_token"] = context.get("csrf_token")
    return data
