"""A design in the shopper's words: each chosen option as "label: value", the artwork as
"Front: your artwork, 50 %", never an internal id. For the cart, checkout, order page,
emails and the admin alike."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from configurator import DefinitionError, ProductDefinition
from configurator.options import Option
from configurator.summary import describe
from orders.language import current_language
from orders.models import Product
from orders.services.configurations import product_definition


def design_words(
    *, product: Product | None, values: Mapping[str, Any], fallback: list[list[str]]
) -> list[tuple[str, str]]:
    """``[(option label, value in words), ...]`` in the current language, in the product's
    option order. ``fallback`` (the stored English summary) is shown when the product or
    its definition is gone; its artwork entries lose their ids there too."""
    definition = _definition(product)
    if definition is None:
        return [(str(label), _without_ids(str(value))) for label, value in fallback]
    language = current_language()
    words = []
    for option in definition.options:
        if option.code not in values:
            continue
        value = values[option.code]
        if option.kind == "artwork":
            words.append(_artwork_words(option, value, language))
        else:
            words.append((option.label.get(language), describe(option, value, language)))
    return words


def _definition(product: Product | None) -> ProductDefinition | None:
    if product is None:
        return None
    try:
        return product_definition(product)
    except DefinitionError:
        return None


def _artwork_words(option: Option, value: Any, language: str) -> tuple[str, str]:
    """("Front", "your artwork, 50 %"): the print area it goes on, and how large."""
    value = value if isinstance(value, Mapping) else {}
    areas = {a.code: a.label.get(language) for a in option.print_areas}
    area = areas.get(value.get("print_area")) or option.label.get(language)
    placement = value.get("placement") if isinstance(value.get("placement"), Mapping) else {}
    try:
        percent = f"{Decimal(str(placement.get('scale', '1'))) * 100:.0f}"
    except (InvalidOperation, ValueError):
        percent = "100"
    return area, _("your artwork, %(percent)s %%") % {"percent": percent}


def _without_ids(text: str) -> str:
    # "Front: artwork art_4Ufi… (scale 0.500)" as stored before words were kept.
    if "artwork art_" not in text:
        return text
    return text.split("artwork art_", 1)[0] + _("your artwork")
