"""Live preview: the customer's artwork and text composited onto a product mockup."""

from __future__ import annotations

import io
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from PIL import Image

from .compose import ArtworkLayer, TextLayer, fit_to, place_image, place_text, render_text
from .fonts import DEFAULT_FONT
from .geometry import PrintArea

PreviewFormat = Literal["webp", "png"]
_PREVIEW_RESAMPLE = Image.Resampling.BILINEAR
# Artwork already scaled for an area, keyed by (cache_key, area px, scale): while a customer
# drags the offset or rotation slider only the cheap steps run. ~0.5 MB per entry.
_SCALED: OrderedDict[tuple[str, tuple[int, int], float], Image.Image] = OrderedDict()
_SCALED_LOCK = threading.Lock()
_SCALED_MAX = 64
_LABEL_RGB = (90, 90, 90)


@dataclass(frozen=True, slots=True)
class PreviewView:
    """One picture of the product: a mockup (path or image), its areas, what goes in them,
    and the caption written under it when it is shown beside another view ("Front")."""

    mockup: Image.Image | str | Path
    print_areas: Sequence[PrintArea]
    layers: Sequence[ArtworkLayer | TextLayer] = ()
    label: str = ""


def render_preview(
    *,
    mockup: Image.Image | str | Path,
    print_areas: Sequence[PrintArea],
    layers: Sequence[ArtworkLayer | TextLayer],
    size: int = 1000,
    fmt: PreviewFormat = "webp",
) -> bytes:
    """The mockup with every layer drawn in its print area, ``size`` px on the long side.

    Layers are drawn in order, each clipped to its area; the area is then turned by its
    ``rotation_deg`` and laid on the mockup. Returns WebP (quality 85) or PNG bytes; the same
    input gives the same bytes. Mockups given as a path are loaded once and cached; artwork
    layers with a ``cache_key`` are scaled once per area size and scale.

    Raises ``ValueError`` for a layer naming an unknown area or an unknown text colour,
    ``UnknownFont`` for an unknown font, ``OSError`` for an unreadable mockup.
    """
    return render_views([PreviewView(mockup, print_areas, layers)], size=size, fmt=fmt)


def render_views(
    views: Sequence[PreviewView], *, size: int = 1000, fmt: PreviewFormat = "webp"
) -> bytes:
    """One view as ``render_preview`` draws it (``size`` px square), or several side by side
    (front, back) ``size`` px wide, each in its share of the width with its label under it.

    Raises as ``render_preview``, and ``ValueError`` for no views.
    """
    if not 64 <= size <= 4000:
        raise ValueError("preview size must be between 64 and 4000 px")
    if not views:
        raise ValueError("a preview needs at least one view")
    if len(views) == 1:
        return _encode(_compose(views[0], size), fmt)
    return _encode(_side_by_side(views, size), fmt)


def _side_by_side(views: Sequence[PreviewView], size: int) -> Image.Image:
    """The views in a row, as tall as the tallest plus a band for the labels."""
    share = size // len(views)
    drawn = [_compose(view, share) for view in views]
    label_px = max(10, share // 16)
    band = 2 * label_px if any(view.label for view in views) else 0
    view_height = max(image.height for image in drawn)
    sheet = Image.new("RGB", (size, view_height + band), drawn[0].getpixel((0, 0)))
    for i, (view, image) in enumerate(zip(views, drawn, strict=True)):
        left = i * share
        sheet.paste(image, (left + (share - image.width) // 2, (view_height - image.height) // 2))
        if view.label:
            text = render_text(view.label, DEFAULT_FONT, label_px, _LABEL_RGB)
            top = view_height + (band - text.height) // 2
            sheet.paste(text, (left + (share - text.width) // 2, top), text)
    return sheet


def _compose(view: PreviewView, size: int) -> Image.Image:
    base, factor = _mockup(view.mockup, size)
    areas = {area.name: area for area in view.print_areas}
    canvases: dict[str, Image.Image] = {}
    for layer in view.layers:
        area = areas.get(layer.area)
        if area is None:
            raise ValueError(f"layer names unknown print area {layer.area!r}")
        canvas = canvases.get(area.name)
        if canvas is None:
            canvas = Image.new(
                "RGBA", (max(1, round(area.width * factor)), max(1, round(area.height * factor)))
            )
            canvases[area.name] = canvas
        if isinstance(layer, ArtworkLayer):
            scaled = _scaled_artwork(layer, canvas.size)
            place_image(canvas, scaled, layer.placement, presized=True)
        else:
            place_text(canvas, layer)
    for name, canvas in canvases.items():
        _lay_area(base, areas[name], canvas, factor)
    return base


def preview_source(image: Image.Image, max_side: int = 1000) -> Image.Image:
    """A downscaled copy of artwork for repeated previews (keep it next to the upload).

    Previews never need more than the area's on-screen size; handing this in instead of the
    full-resolution upload keeps each render within a few milliseconds.
    """
    copy = image.copy()
    copy.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    return copy


def _scaled_artwork(layer: ArtworkLayer, area_size: tuple[int, int]) -> Image.Image:
    """The layer's image at its placed size, from the small cache when it has a key."""
    if layer.cache_key is None:
        return fit_to(layer.image, area_size, layer.placement.scale, _PREVIEW_RESAMPLE)
    key = (layer.cache_key, area_size, layer.placement.scale)
    with _SCALED_LOCK:
        scaled = _SCALED.get(key)
        if scaled is not None:
            _SCALED.move_to_end(key)
            return scaled
    scaled = fit_to(layer.image, area_size, layer.placement.scale, _PREVIEW_RESAMPLE)
    with _SCALED_LOCK:
        _SCALED[key] = scaled
        while len(_SCALED) > _SCALED_MAX:
            _SCALED.popitem(last=False)
    return scaled


def _lay_area(base: Image.Image, area: PrintArea, canvas: Image.Image, factor: float) -> None:
    if area.rotation_deg % 360:
        cx = (area.x + area.width / 2) * factor
        cy = (area.y + area.height / 2) * factor
        canvas = canvas.rotate(area.rotation_deg, resample=Image.Resampling.BICUBIC, expand=True)
        position = (round(cx - canvas.width / 2), round(cy - canvas.height / 2))
    else:
        position = (round(area.x * factor), round(area.y * factor))
    base.paste(canvas, position, mask=canvas)


def _mockup(mockup: Image.Image | str | Path, size: int) -> tuple[Image.Image, float]:
    """A private RGB copy of the mockup at ``size`` and the factor from mockup pixels."""
    if isinstance(mockup, Image.Image):
        image, factor = _fit(mockup, size)
        return (image.copy() if image is mockup else image), factor
    image, factor = _cached_mockup(str(Path(mockup).resolve()), size)
    return image.copy(), factor


@lru_cache(maxsize=32)
def _cached_mockup(path: str, size: int) -> tuple[Image.Image, float]:
    with Image.open(path) as image:
        image.load()
        return _fit(image, size)


def _fit(image: Image.Image, size: int) -> tuple[Image.Image, float]:
    factor = size / max(image.size)
    if image.mode != "RGB":
        image = image.convert("RGB")
    if factor != 1:
        target = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        image = image.resize(target, Image.Resampling.LANCZOS)
    return image, factor


def _encode(image: Image.Image, fmt: PreviewFormat) -> bytes:
    buffer = io.BytesIO()
    if fmt == "webp":
        image.save(buffer, format="WEBP", quality=85, method=0)
    elif fmt == "png":
        image.save(buffer, format="PNG", compress_level=1)
    else:
        raise ValueError(f"unknown preview format {fmt!r}")
    return buffer.getvalue()
