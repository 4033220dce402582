"""The configurator form: posted fields to the engine's raw input, and share-link tokens.

Field names are the option codes, as in the live preview's query (orders.services.previews):
``<code>`` for the value (repeated for multi-choice), ``<code>.font`` for a text option's
font, ``<code>.print_area`` / ``<code>.scale`` / ``<code>.offset_x`` / ``<code>.offset_y``
for artwork, ``<code>.custom`` for a free colour, and ``quantity``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core import signing
from django.http import QueryDict
from django.utils.translation import gettext as _

from c2m.errors import ApplicationError
from configurator import ProductDefinition
from configurator.option_kinds import PLACEMENT_FIELDS
from orders.language import current_language
from orders.selectors.artwork import (
    ArtworkOwner,
    artwork_refs,
    artworks_existing,
    artworks_readable,
)

# Longer than any option allows: the engine refuses it with a clear message, and a share
# link or a page never has to carry megabytes of someone's paste.
MAX_FIELD_CHARS = 2_000
MAX_SELECTIONS = 50
DESIGN_SALT = "orders.design"
DESIGN_MAX_CHARS = 4_000


class DesignLinkInvalid(ApplicationError):
    """A share link that was altered, truncated or made for another product."""

    code = "design_link_invalid"


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return value[:MAX_FIELD_CHARS] if isinstance(value, str) else ""


def raw_from_post(definition: ProductDefinition, data: QueryDict) -> dict[str, Any]:
    """Return ``{"quantity", "options"}`` in the engine's input shape from posted fields.

    Unknown fields are ignored and blank ones left out; everything else goes to the
    engine as typed, so its validation (never raising) judges it.
    """
    options: dict[str, Any] = {}
    for option in definition.options:
        code = option.code
        if option.kind == "multi_choice":
            picked = [v[:MAX_FIELD_CHARS] for v in data.getlist(code)[:MAX_SELECTIONS] if v]
            if picked:
                options[code] = picked
        elif option.kind == "text":
            text = _text(data, code)
            if text.strip():
                font = _text(data, f"{code}.font") or None
                options[code] = {"text": text, "font": font} if font else {"text": text}
        elif option.kind == "artwork":
            artwork_id = _text(data, code)
            if artwork_id:
                value: dict[str, Any] = {"artwork_id": artwork_id}
                area = _text(data, f"{code}.print_area")
                if area:
                    value["print_area"] = area
                placement = {
                    name: _text(data, f"{code}.{name}")
                    for name in PLACEMENT_FIELDS
                    if _text(data, f"{code}.{name}")
                }
                if placement:
                    value["placement"] = placement
                options[code] = value
        elif option.kind == "colour" and option.allow_custom and _text(data, code) == "custom":
            custom = _text(data, f"{code}.custom")
            if custom:
                options[code] = custom
        else:
            value_text = _text(data, code)
            if value_text.strip():
                options[code] = value_text
    quantity = _text(data, "quantity").strip() or str(definition.quantity.min)
    return {"quantity": quantity, "options": options}


def design_dumps(sku: str, raw: Mapping[str, Any]) -> str:
    """Return a URL-safe signed token of a (possibly incomplete) design of product ``sku``."""
    payload = {"s": sku, "q": raw.get("quantity"), "o": raw.get("options", {})}
    return signing.dumps(payload, salt=DESIGN_SALT, compress=True)


def design_loads(sku: str, token: str) -> dict[str, Any]:
    """Return the raw configuration a share link carries for product ``sku``.

    Raises :class:`DesignLinkInvalid` when the token was altered, is not ours, or belongs
    to another product.
    """
    if not isinstance(token, str) or len(token) > DESIGN_MAX_CHARS:
        raise DesignLinkInvalid(_("This design link is damaged. Here is the product to start."))
    try:
        payload = signing.loads(token, salt=DESIGN_SALT)
    except (signing.BadSignature, ValueError, TypeError, OverflowError):
        raise DesignLinkInvalid(
            _("This design link is damaged. Here is the product to start.")
        ) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("o"), dict):
        raise DesignLinkInvalid(_("This design link is damaged. Here is the product to start."))
    if payload.get("s") != sku:
        raise DesignLinkInvalid(_("This design link is for another product."))
    return {"quantity": payload.get("q"), "options": payload["o"]}


def design_shared_artworks(sku: str, token: object) -> frozenset[str]:
    """The artwork ids a valid share link of product ``sku`` names: whoever holds the link
    may see them (never order them as they are: ordering copies them to the shopper).
    Empty for no token or a damaged one."""
    if not isinstance(token, str) or not token:
        return frozenset()
    try:
        raw = design_loads(sku, token)
    except DesignLinkInvalid:
        return frozenset()
    return frozenset(artwork_refs(raw["options"]).values())


def design_without_missing_artworks(
    definition: ProductDefinition, raw: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """A shared design (``raw`` from a verified link) without the artworks deleted since it
    was shared, and a message per option left without one, in the shopper's language."""
    refs = artwork_refs(raw["options"])
    existing = artworks_existing(public_ids=refs.values())
    missing = [code for code, public_id in refs.items() if public_id not in existing]
    if not missing:
        return raw, []
    options = {k: v for k, v in raw["options"].items() if k not in missing}
    language = current_language()
    messages = [
        _(
            "The artwork for “%(option)s” in this shared design is no longer available. "
            "Please upload your own."
        )
        % {"option": definition.option_index[code].label.get(language)}
        for code in missing
        if code in definition.option_index
    ]
    return {**raw, "options": options}, messages


def design_shareable(
    raw: Mapping[str, Any], *, owner: ArtworkOwner, shared: frozenset[str]
) -> dict[str, Any]:
    """``raw`` as a share link may carry it: without artwork the requester may not see
    (a link must never give anyone a picture they could not open themselves)."""
    options = raw.get("options")
    options = options if isinstance(options, dict) else {}
    refs = artwork_refs(options)
    readable = artworks_readable(public_ids=refs.values(), owner=owner, shared=shared)
    kept = {k: v for k, v in options.items() if k not in refs or refs[k] in readable}
    return {**raw, "options": kept}
