"""Live previews: a product mockup with the customer's own artwork and text, cached by content."""

from __future__ import annotations

import hashlib
import io
import json
import threading
from collections import OrderedDict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.http import QueryDict
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from PIL import Image

from c2m.errors import ApplicationError, NotFound
from configurator import DefinitionError
from configurator.engine import parse_options
from imaging import ArtworkLayer, Placement, TextLayer
from imaging.drawn_products import drawn_look_for, look_key, render_drawn
from imaging.preview import PreviewView, render_views
from imaging.print_setups import PrintSetup, print_setup_for
from orders.models import Artwork, OrderLine, Product
from orders.selectors.artwork import ArtworkOwner, artwork_refs, artworks_readable
from orders.services.artwork import placement_from
from orders.services.configurations import product_definition

PREVIEW_VERSION = 2
_SOURCES: OrderedDict[str, Image.Image] = OrderedDict()
_SOURCES_LOCK = threading.Lock()
_SOURCES_MAX = 32


@dataclass(frozen=True, slots=True)
class Preview:
    """A rendered preview: WebP ``image``, its content ``key`` (the ETag) and cache hit."""

    image: bytes
    key: str
    cached: bool


def preview_options_from_query(product: Product, query: QueryDict) -> dict[str, Any]:
    """Raw configurator options from a preview URL's query.

    ``config`` is JSON (``{"options": {...}}`` or the options themselves); otherwise each
    option is a parameter, with ``<code>.<field>`` for its parts:
    ``artwork_front=art_x&artwork_front.scale=0.8&engraving=Li&engraving.font=serif``.
    Raises ``ApplicationError`` ``invalid_configuration`` for JSON that is not an object.
    """
    if query.get("config"):
        try:
            raw = json.loads(str(query["config"]))
        except ValueError:
            raw = None
        if isinstance(raw, dict) and isinstance(raw.get("options", {}), dict):
            return raw.get("options", raw) if "options" in raw else raw
        raise ApplicationError(
            _("The configuration is not valid."),
            code="invalid_configuration",
            errors={"config": [_("Send the configuration as a JSON object.")]},
        )
    kinds = {o.get("code"): o.get("kind") for o in product.definition.get("options", [])}
    options: dict[str, Any] = {}
    for key in query:
        code, _dot, part = str(key).partition(".")
        if code not in kinds:
            continue
        value = query.get(key)
        kind = kinds[code]
        if kind == "artwork":
            entry = options.setdefault(code, {})
            if not part:
                entry["artwork_id"] = value
            elif part == "print_area":
                entry["print_area"] = value
            else:
                entry.setdefault("placement", {})[part] = value
        elif kind == "text":
            entry = options.setdefault(code, {})
            entry["font" if part == "font" else "text"] = value
        elif not part:
            options[code] = query.getlist(key) if kind == "multi_choice" else value
    return {k: v for k, v in options.items() if v not in ("", {}, {"text": ""})}


def preview_render(
    *,
    product: Product,
    options: Mapping[str, Any],
    owner: ArtworkOwner,
    size: int = 1000,
    shared: Collection[str] = (),
) -> Preview:
    """The preview of ``product`` configured with raw ``options``, for ``owner``.

    Only the owner's artwork (and ``shared``, the ids a verified share token names) can be
    used; anyone else's is ``NotFound`` as if it did not exist. Raises ``ApplicationError``
    ``invalid_configuration`` (per-option errors) for values the product refuses and
    ``NotFound`` ``no_preview`` for a product without one. Options not chosen yet are drawn
    as their defaults (a table without a width is drawn at a usual size).
    """
    setup = print_setup_for(product.sku)
    if setup is None:
        return _render_drawn(product, _normalized(product, options), size)
    values = _normalized(product, options)
    refs = artwork_refs(values)
    owned = artworks_readable(public_ids=refs.values(), owner=owner, shared=shared)
    missing = sorted(code for code, public_id in refs.items() if public_id not in owned)
    if missing:
        raise NotFound(
            _("No such artwork."),
            code="artwork_not_found",
            errors={
                code: [_("This artwork does not exist. Please upload it again.")]
                for code in missing
            },
        )
    artworks = {code: owned[public_id] for code, public_id in refs.items()}
    return _render(product.sku, setup, values, artworks, size)


def order_line_preview(*, line: OrderLine, size: int) -> Preview:
    """The preview of an order line's design as it was ordered, for whoever the caller has
    let see the order (a signed thumbnail link): its artworks were checked at checkout.

    Raises ``NotFound`` ``no_preview`` when the product has no preview or is gone, and as
    ``preview_render`` for a design the product no longer takes.
    """
    setup = print_setup_for(line.product_sku)
    product = Product.objects.filter(sku=line.product_sku).first()
    if product is None:
        raise NotFound(_("This product has no preview."), code="no_preview")
    values = _normalized(product, line.configuration)
    if setup is None:
        return _render_drawn(product, values, size)
    refs = artwork_refs(values)
    # No owner: every artwork the line names may be drawn (the line is the authority).
    found = artworks_readable(public_ids=refs.values(), owner=ArtworkOwner(), shared=refs.values())
    artworks = {code: found[i] for code, i in refs.items() if i in found}
    if len(artworks) < len(refs):
        raise NotFound(_("No such artwork."), code="artwork_not_found")
    return _render(product.sku, setup, values, artworks, size)


def _render(
    sku: str,
    setup: PrintSetup,
    values: Mapping[str, Any],
    artworks: Mapping[str, Artwork],
    size: int,
) -> Preview:
    mockup = setup.mockup_for(values)
    plan = _layer_plan(setup, values, artworks)
    back_mockup = setup.back_mockup_for(values)
    # The back is shown beside the front, both named, only when something is placed on it.
    on_back = [item for item in plan if item["area"] in setup.back_areas]
    if back_mockup is None or not on_back:
        back_mockup, front_label, back_label = None, "", ""
    else:
        front_label, back_label = _("Front"), _("Back")
    key = _content_key(sku, mockup.variant, size, [*plan, {"labels": [front_label, back_label]}])
    cached = cache.get(f"preview:{key}")
    if cached is not None:
        return Preview(cached, key, True)
    front = [_layer(item) for item in plan if item["area"] not in setup.back_areas]
    views = [PreviewView(mockup.path, mockup.print_areas, front, front_label)]
    if back_mockup is not None:
        back = [_layer(item) for item in on_back]
        views.append(PreviewView(back_mockup.path, back_mockup.print_areas, back, back_label))
    image = render_views(views, size=size)
    cache.set(f"preview:{key}", image, settings.ARTWORK_PREVIEW_CACHE_SECONDS)
    return Preview(image, key, False)


def _render_drawn(product: Product, values: Mapping[str, Any], size: int) -> Preview:
    """The drawn picture of a product without artwork (the table, the shirt), cached by look."""
    look = drawn_look_for(product.sku, values)
    if look is None:
        raise NotFound(_("This product has no preview."), code="no_preview")
    key = _content_key(product.sku, "drawn", size, [look_key(look)])
    cached = cache.get(f"preview:{key}")
    if cached is not None:
        return Preview(cached, key, True)
    image = render_drawn(look, size=size)
    cache.set(f"preview:{key}", image, settings.ARTWORK_PREVIEW_CACHE_SECONDS)
    return Preview(image, key, False)


def preview_key_matches(etag_header: str, key: str) -> bool:
    return f'"{key}"' in {tag.strip().removeprefix("W/") for tag in etag_header.split(",")}


def _normalized(product: Product, options: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(options, Mapping):
        raise _invalid({"options": [_("Send the options as an object.")]})
    try:
        definition = product_definition(product)  # compiled once per version, shared rules in
    except DefinitionError:
        raise _invalid({"product": [_("This product cannot be shown right now.")]}) from None
    values, errors = parse_options(definition, options)
    if errors:
        language = "zh-hans" if (get_language() or "").startswith("zh") else "en"
        by_option: dict[str, list[str]] = {}
        for error in errors:
            by_option.setdefault(error.option or "options", []).append(error.message[language])
        raise _invalid(by_option)
    return values


def _invalid(errors: dict[str, list[str]]) -> ApplicationError:
    return ApplicationError(
        _("The configuration is not valid."), code="invalid_configuration", errors=errors
    )


def _layer_plan(
    setup: PrintSetup, values: Mapping[str, Any], artworks: Mapping[str, Artwork]
) -> list[dict[str, Any]]:
    """What to draw, as plain data (it is hashed): artwork by content, text by its words."""
    plan: list[dict[str, Any]] = []
    for code in sorted(values):
        value = values[code]
        if code in artworks:
            area = value.get("print_area") or setup.areas[0].name
            if area not in setup.shown_areas | setup.back_areas:
                continue
            placement = placement_from(value.get("placement"))
            plan.append(
                {
                    "artwork": artworks[code].sha256,
                    "source": artworks[code].preview_path,
                    "area": area,
                    "placement": [
                        placement.offset_x,
                        placement.offset_y,
                        placement.scale,
                        placement.rotation_deg,
                    ],
                }
            )
        elif isinstance(value, Mapping) and isinstance(value.get("text"), str):
            area = setup.text_area(code).name
            if area in setup.shown_areas and value["text"].strip():
                plan.append(
                    {
                        "text": value["text"][:200],
                        "area": area,
                        "font": setup.font(value.get("font")),
                        "colour": setup.text_colour(values),
                    }
                )
        elif not isinstance(value, str | list | int | float) or isinstance(value, bool):
            raise _invalid({code: [_("This value is not valid.")]})
    return plan


def _content_key(sku: str, variant: str, size: int, plan: list[dict[str, Any]]) -> str:
    content = {"v": PREVIEW_VERSION, "sku": sku, "variant": variant, "size": size, "plan": plan}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _layer(item: dict[str, Any]) -> ArtworkLayer | TextLayer:
    if "artwork" in item:
        return ArtworkLayer(
            image=_source(item["artwork"], item["source"]),
            area=item["area"],
            placement=Placement(*item["placement"]),
            cache_key=item["artwork"],
        )
    return TextLayer(text=item["text"], area=item["area"], font=item["font"], colour=item["colour"])


def _source(sha256: str, path: str) -> Image.Image:
    """The artwork's downscaled preview source, decoded once per process."""
    with _SOURCES_LOCK:
        image = _SOURCES.get(sha256)
        if image is not None:
            _SOURCES.move_to_end(sha256)
            return image
    with default_storage.open(path, "rb") as handle:
        image = Image.open(io.BytesIO(handle.read()), formats=["PNG"])
    image.load()
    with _SOURCES_LOCK:
        _SOURCES[sha256] = image
        while len(_SOURCES) > _SOURCES_MAX:
            _SOURCES.popitem(last=False)
    return image
